"""What an import did, and why it refused a file."""

import re
from collections import Counter
from dataclasses import dataclass, field

from core.errors import ApplicationError

# The order in which the report names what it created or updated.
ENTITIES = (
    "questions",
    "company_tags",
    "companies",
    "topics",
    "topics_merged",
    "lists",
    "list_items",
    "sources",
)
LABELS = {
    "questions": "questions",
    "company_tags": "company tags",
    "companies": "companies",
    "topics": "topics",
    "topics_merged": "topics merged into another of the same name",
    "lists": "lists",
    "list_items": "list items",
    "sources": "sources",
}


class ImportRefused(ApplicationError):
    """A file that cannot be read as a whole; the import writes nothing."""

    def __init__(self, *, file: str, line: int | None, problem: str):
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


# A report keeps this many examples of each kind of skipped row, and counts the
# rest: a file of a million repeated rows must not make a report of a million lines.
EXAMPLES_PER_KIND = 20
_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")


def skip_kind(reason: str) -> str:
    """What a skip is about, without its particular values: "unknown difficulty
    'VERY HARD'." and "unknown difficulty 'X'." are one kind."""
    return _VALUES.sub("…", reason)


@dataclass(frozen=True)
class Skip:
    file: str
    line: int
    reason: str
    kind: str = ""

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass
class SkippedRows:
    """Rows skipped: a count per kind, and the first examples of each."""

    examples: list[Skip] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)

    def add(self, skip: Skip) -> None:
        kind = skip.kind or skip_kind(skip.reason)
        self.kinds[kind] += 1
        if self.kinds[kind] <= EXAMPLES_PER_KIND:
            self.examples.append(skip)

    def extend(self, other: "SkippedRows") -> None:
        """Add another file's skips, in line order, keeping the bound overall."""
        kept = Counter(each.kind or skip_kind(each.reason) for each in self.examples)
        for skip in sorted(other.examples, key=lambda each: each.line):
            kind = skip.kind or skip_kind(skip.reason)
            if kept[kind] < EXAMPLES_PER_KIND:
                self.examples.append(skip)
                kept[kind] += 1
        self.kinds.update(other.kinds)

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


@dataclass
class ImportReport:
    files: list[dict] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped_rows: SkippedRows = field(default_factory=SkippedRows)
    rows: int = 0
    seconds: float = 0.0
    # Questions this import created: a later file of the same import that fills
    # them in (Grind 75 after NeetCode) has not updated anything already there.
    new_questions: set[str] = field(default_factory=set)

    @property
    def skipped(self) -> list[Skip]:
        """The examples kept of the rows skipped (all of them, up to
        EXAMPLES_PER_KIND of each kind)."""
        return self.skipped_rows.examples

    @property
    def created_total(self) -> int:
        return sum(self.created.values())

    @property
    def updated_total(self) -> int:
        return sum(self.updated.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "created": {k: self.created[k] for k in ENTITIES if self.created[k]},
            "updated": {k: self.updated[k] for k in ENTITIES if self.updated[k]},
            "created_total": self.created_total,
            "updated_total": self.updated_total,
            "skipped": [skip.as_dict() for skip in self.skipped],
            "skipped_total": self.skipped_rows.total,
            "skipped_kinds": dict(self.skipped_rows.kinds.most_common()),
            "rows": self.rows,
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        """The report as a person reads it, one line each."""
        return report_lines(self.as_dict())


def _counts(counts: dict) -> str:
    if not counts:
        return "nothing"
    return ", ".join(f"{counts[k]} {LABELS[k]}" for k in ENTITIES if k in counts)


def report_lines(report: dict) -> list[str]:
    """Works on the stored form too, so the admin shows what the command prints."""
    seconds = report.get("seconds") or 0
    # Reports stored before counts were kept list every skipped row.
    total = report.get("skipped_total", len(report["skipped"]))
    rate = f" ({report['rows'] / seconds:,.0f} rows/s)" if seconds else ""
    lines = [
        f"Read {len(report['files'])} file(s), {report['rows']:,} rows "
        f"in {seconds:.2f} s{rate}.",
        f"Created: {_counts(report['created'])}.",
        f"Updated: {_counts(report['updated'])}.",
        f"Skipped: {total:,} row(s).",
    ]
    lines += [
        f"  {skip['file']}, line {skip['line']}: {skip['reason']}"
        for skip in report["skipped"]
    ]
    if total > len(report["skipped"]):
        kinds = report.get("skipped_kinds") or {}
        lines.append(
            f"  … and {total - len(report['skipped']):,} more, of "
            f"{len(kinds)} kind(s): "
            + "; ".join(f"{count:,} × {kind}" for kind, count in kinds.items())
        )
    return lines
