"""The starter bank shipped in questions/bank/, loaded by `manage.py load_demo`."""

from pathlib import Path

from questions.importers import import_path
from questions.models import QuestionList

BANK = Path(__file__).resolve().parent.parent / "bank"
# NeetCode 150, Blind 75 and Grind 75, under MIT (see the LICENSE files beside them).
CURATED_LISTS = ("neetcode-150", "blind-75", "grind-75")
CURATED = Path(__file__).resolve().parent.parent / "curated"


def starter_bank_import() -> str:
    """Imports questions/bank/*.yaml; returns one line saying what it did."""
    report = import_path(BANK)
    return (
        f"Starter question bank: {report.rows} entries in {len(report.files)} files; "
        f"{report.created_total} created, {report.updated_total} updated."
    )


def curated_lists_import() -> str:
    """Imports questions/curated/ (NeetCode 150, Blind 75, Grind 75): link-only
    questions and the three curated lists. Importing again changes nothing."""
    report = import_path(CURATED)
    lists = ", ".join(
        f"{row.name} ({row.items.count()})"
        for row in QuestionList.objects.filter(owner=None, slug__in=CURATED_LISTS)
    )
    return (
        f"Curated lists: {lists}; {report.created_total} created, "
        f"{report.updated_total} updated."
    )
