"""What a reader makes of one file, before anything is written."""

from dataclasses import dataclass, field

from questions.importers.report import Skip, SkippedRows
from questions.importers.sources import SourceSpec


@dataclass
class Problem:
    """A question a community list names: a link, a title, perhaps a difficulty."""

    line: int
    slug: str
    title: str
    link: str
    difficulty: int | None = None
    topics: tuple[str, ...] = ()
    estimated_minutes: int | None = None


@dataclass
class Tag:
    line: int
    slug: str
    company: str
    window: str
    frequency: float
    # Slug folders and flat files name the company by slug ("two-sigma").
    company_is_slug: bool = False


@dataclass
class ListSpec:
    slug: str
    name: str
    description: str
    # (question slug, section) in order.
    items: list[tuple[str, str]]


@dataclass
class ParsedFile:
    name: str
    format: str
    source: SourceSpec | None
    # Files are written in this order, so that lists with difficulties and the bank's
    # topics and companies come before what refers to them.
    order: int
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    lists: list[ListSpec] = field(default_factory=list)
    skipped: SkippedRows = field(default_factory=SkippedRows)
    bank: dict | None = None
    # The company and window a single-company file is about (flat files).
    company_window: tuple[str, str] | None = None

    def skip(self, line: int, reason: str, *, kind: str = "") -> None:
        self.skipped.add(Skip(self.name, line, reason, kind))
