"""Imports of question banks and community lists (`import_questions`, the admin's
"Import questions" page), and the export of the bank format (`export_questions`).

An import reads and checks every file first (plan.py): a file that cannot be read
refuses the whole import and nothing is written. Then each file is written in its own
transaction, so progress can be shown file by file; every write is an upsert by slug
that compares first, so importing the same thing twice changes nothing.
"""

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from questions.importers.archives import unpack
from questions.importers.bank import bank_write
from questions.importers.companies import CompanyDirectory
from questions.importers.plan import plan
from questions.importers.report import ImportRefused, ImportReport
from questions.importers.upsert import community_write
from questions.services.topics import topics_fold

__all__ = ["ImportRefused", "ImportReport", "import_path"]

Progress = Callable[[int, int], None]


def import_path(
    path: Path, *, name: str | None = None, progress: Progress | None = None
) -> ImportReport:
    """Imports a file, a folder or a .zip of a folder; raises ImportRefused before
    writing anything. `name` is what reports call the file or folder."""
    started = time.perf_counter()
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="mockloop-import-") as folder:
            root = unpack(path, Path(folder), name or path.name)
            files = plan(root)
    else:
        files = plan(path, name=name)
    report = ImportReport(rows=sum(parsed.rows for parsed in files))
    done = 0
    if progress:
        progress(done, report.rows)
    companies = CompanyDirectory(report)
    for parsed in files:
        with transaction.atomic():
            write = bank_write if parsed.bank else community_write
            write(parsed, report=report, companies=companies)
        report.skipped_rows.extend(parsed.skipped)
        report.files.append(
            {"name": parsed.name, "format": parsed.format, "rows": parsed.rows}
        )
        done += parsed.rows
        if progress:
            progress(done, report.rows)
    # New aliases may name topics that earlier imports created apart.
    report.updated["topics_merged"] += topics_fold()
    report.seconds = time.perf_counter() - started
    return report
