"""The starter bank shipped in questions/bank/, loaded by `manage.py load_demo`."""

from pathlib import Path

from questions.importers import import_path

BANK = Path(__file__).resolve().parent.parent / "bank"


def starter_bank_import() -> str:
    """Imports questions/bank/*.yaml; returns one line saying what it did."""
    report = import_path(BANK)
    return (
        f"Starter question bank: {report.rows} entries in {len(report.files)} files; "
        f"{report.created_total} created, {report.updated_total} updated."
    )
