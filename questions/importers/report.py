"""What an import did, and why it refused a file."""

from collections import Counter
from dataclasses import dataclass, field

from config.errors import ApplicationError

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


@dataclass(frozen=True)
class Skip:
    file: str
    line: int
    reason: str

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    files: list[dict] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: list[Skip] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0

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
    rate = f" ({report['rows'] / seconds:,.0f} rows/s)" if seconds else ""
    lines = [
        f"Read {len(report['files'])} file(s), {report['rows']:,} rows "
        f"in {seconds:.2f} s{rate}.",
        f"Created: {_counts(report['created'])}.",
        f"Updated: {_counts(report['updated'])}.",
        f"Skipped: {len(report['skipped'])} row(s).",
    ]
    lines += [
        f"  {skip['file']}, line {skip['line']}: {skip['reason']}"
        for skip in report["skipped"]
    ]
    return lines
