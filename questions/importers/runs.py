"""Imports started from the admin: an ImportRun row, the uploaded file kept in the
default storage until a Celery worker imports it, progress the page can poll."""

import shutil
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from core.tasks import task_queue_after_commit
from questions.importers import ImportRefused, import_path
from questions.importers.plan import SUFFIXES
from questions.models import ImportRun

UPLOAD_SUFFIXES = {".zip", *SUFFIXES}
# A zip of the largest community folder is a few MB; this leaves room for banks.
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


def _stored_name(run: ImportRun) -> str:
    # The run's id keeps uploads apart; the suffix is all the importer needs.
    return f"imports/{run.pk}/upload{Path(run.filename).suffix.lower()}"


@transaction.atomic
def import_run_start(*, upload: UploadedFile, user) -> ImportRun:
    name = Path(upload.name or "").name
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise ApplicationError(
            "Upload a .zip of a folder, or one .csv, .json, .yaml or .yml file.",
            field="file",
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ApplicationError("The file is larger than 100 MB.", field="file")
    run = ImportRun.objects.create(created_by=user, filename=name[:300])
    default_storage.save(_stored_name(run), upload)
    task_queue_after_commit("questions.tasks.import_questions_task", run.pk)
    return run


def import_run_execute(*, run_id: int) -> None:
    """Runs a waiting import once: a second call, or a redelivered task, finds the run
    claimed and does nothing."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.PENDING)
    if not claimed.update(status=ImportRun.Status.RUNNING):
        return
    run = ImportRun.objects.get(pk=run_id)
    stored = _stored_name(run)

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(
            processed_rows=done, total_rows=total
        )

    try:
        with tempfile.TemporaryDirectory(prefix="mockloop-upload-") as folder:
            local = _fetch(stored, Path(folder) / (Path(run.filename).name or "upload"))
            report = import_path(local, name=run.filename, progress=progress)
    except ImportRefused as error:
        _finish(
            run_id,
            ImportRun.Status.FAILED,
            error=f"Refused; nothing was imported. {error.message}",
        )
    except Exception:
        _finish(
            run_id,
            ImportRun.Status.FAILED,
            error="The import stopped on an unexpected error (see the worker log). "
            "Files written before it are complete; importing again is safe.",
        )
        raise
    else:
        _finish(run_id, ImportRun.Status.DONE, report=report.as_dict())
    finally:
        default_storage.delete(stored)


def _fetch(stored: str, local: Path) -> Path:
    try:
        with default_storage.open(stored) as source, local.open("wb") as target:
            shutil.copyfileobj(source, target)
    except FileNotFoundError as error:
        raise ImportRefused(
            file=local.name,
            line=None,
            problem="the worker cannot find the uploaded file; the web server and "
            "the Celery worker must share the media folder (MEDIA_ROOT).",
        ) from error
    return local


def _finish(run_id: int, status: str, *, error: str = "", report=None) -> None:
    ImportRun.objects.filter(pk=run_id).update(
        status=status, error=error, report=report or {}, finished_at=timezone.now()
    )


def import_run_progress(*, run: ImportRun) -> dict:
    """What the admin's progress bar shows."""
    finished = run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED)
    if run.status == ImportRun.Status.PENDING:
        message = "Waiting for a worker…"
    elif run.status == ImportRun.Status.RUNNING and not run.total_rows:
        message = "Reading and checking the files…"
    else:
        message = f"{run.processed_rows:,} of {run.total_rows:,} rows imported."
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "processed_rows": run.processed_rows,
        "total_rows": run.total_rows,
        "finished": finished,
        "message": message,
    }
