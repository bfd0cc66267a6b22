"""Preparing a person's archive: started from the profile or the API, built by a
Celery task in steps (each step moves the progress bar), kept under
MEDIA_ROOT/exports/ for a day, then removed (docs/your-data.md).

The archive, `mockloop-export-YYYY-MM-DD.zip`:
- export.json: the document (mydata/export.schema.json, `SCHEMA_VERSION`);
- export.schema.json: that schema, so the archive explains itself;
- README.md: what each file holds;
- pads/: each pad's final text, a board's elements as JSON."""

import datetime as dt
import json
import logging
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from core.tasks import task_queue_after_commit
from mydata import events
from mydata.models import EXPORT_VALID_FOR, DataExport, ExportStatus
from mydata.selectors import document
from mydata.selectors.exports import export_ready_for_user
from rooms.board import board_elements
from rooms.models import PadKind
from rooms.services.pads import pad_document, pad_text
from users.models import User

logger = logging.getLogger(__name__)

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "export.schema.json"
BUILD_TASK = "mydata.tasks.export_build_task"
# A worker killed mid-build leaves its export running; past this it no longer
# stands in the way of a new one.
STALE_AFTER = dt.timedelta(hours=1)
UNFINISHED = (ExportStatus.QUEUED, ExportStatus.RUNNING)


def export_file_name(export: DataExport) -> str:
    """The download's name: the day it was prepared, in its owner's time zone."""
    moment = export.finished_at or export.created_at
    return f"mockloop-export-{timezone.localdate(moment, export.user.zone)}.zip"


@transaction.atomic
def export_start(*, user: User) -> DataExport:
    """A new export, queued; or the one already on its way (a second click)."""
    # The person's row serialises two clicks that arrive together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    unfinished = DataExport.objects.filter(user=user, status__in=UNFINISHED)
    unfinished.filter(created_at__lt=now - STALE_AFTER).update(
        status=ExportStatus.FAILED,
        error="It stopped without finishing; prepare it again.",
        finished_at=now,
    )
    running = unfinished.first()
    if running is not None:
        return running
    export = DataExport.objects.create(user=user)
    task_queue_after_commit(BUILD_TASK, export.pk)
    return export


def _progress(export_id: int, done: int, total: int) -> None:
    DataExport.objects.filter(pk=export_id).update(done=done, total=total)


def _board_json(pad_id) -> str:
    elements = board_elements(pad_document(pad_id=pad_id))
    return json.dumps(elements, ensure_ascii=False, indent=2)


def _steps(user: User, doc: dict, files: dict) -> list[Callable[[], None]]:
    """One step per part, and one per pad: what the bar counts."""
    pads = document.pads_of(user=user)

    def part(key: str, read: Callable[[], object]) -> Callable[[], None]:
        return lambda: doc.__setitem__(key, read())

    def pad_step(each: document.PadFile) -> Callable[[], None]:
        def step() -> None:
            if each.pad.kind == PadKind.BOARD:
                files[each.path] = _board_json(each.pad.pk)
            else:
                files[each.path] = pad_text(pad_id=each.pad.pk)

        return step

    return [
        part("profile", lambda: document.profile_of(user=user)),
        part("progress", lambda: document.progress_of(user=user)),
        part("lists", lambda: document.lists_of(user=user)),
        part("asked_reports", lambda: document.asked_reports_of(user=user)),
        part("sessions", lambda: document.sessions_of(user=user, pad_files=pads)),
        *[pad_step(each) for each in pads],
        part("feedback", lambda: document.feedback_of(user=user)),
        part("practice", lambda: document.practice_of(user=user)),
        part("career", lambda: document.career_of(user=user)),
    ]


def _readme(doc: dict, files: dict) -> str:
    return render_to_string(
        "mydata/archive_readme.md",
        {"doc": doc, "pad_files": sorted(files), "valid_for": EXPORT_VALID_FOR},
    )


def _write_zip(target: Path, doc: dict, files: dict) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.json", json.dumps(doc, ensure_ascii=False, indent=2))
        archive.writestr("export.schema.json", SCHEMA_PATH.read_text())
        archive.writestr("README.md", _readme(doc, files))
        for path, text in sorted(files.items()):
            archive.writestr(path, text)


def export_build(*, export_id: int) -> None:
    """Builds a queued export once: a second call, or a task delivered again, finds
    it claimed and does nothing."""
    claimed = DataExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED)
    if not claimed.update(status=ExportStatus.RUNNING):
        return
    export = DataExport.objects.select_related("user").get(pk=export_id)
    user = export.user
    doc: dict = document.document_head(user=user)
    files: dict[str, str] = {}
    try:
        steps = _steps(user, doc, files)
        total = len(steps) + 1  # and writing the archive
        _progress(export_id, 0, total)
        for done, step in enumerate(steps, start=1):
            step()
            _progress(export_id, done, total)
        name = f"exports/{export.token}.zip"
        with tempfile.TemporaryDirectory(prefix="mockloop-export-") as folder:
            local = Path(folder) / "export.zip"
            _write_zip(local, doc, files)
            with local.open("rb") as opened:
                stored = default_storage.save(name, File(opened))
            size = local.stat().st_size
    except Exception:
        _export_failed(export_id, "An unexpected error; prepare it again.")
        raise
    _export_ready(export_id, file_name=stored, size=size, total=total)


@transaction.atomic
def _export_ready(export_id: int, *, file_name: str, size: int, total: int) -> None:
    export = DataExport.objects.select_for_update().get(pk=export_id)
    export.status = ExportStatus.READY
    export.file_name = file_name
    export.size = size
    export.done = export.total = total
    export.finished_at = timezone.now()
    export.save(
        update_fields=["status", "file_name", "size", "done", "total", "finished_at"]
    )
    events.export_ready(export=export)


def _export_failed(export_id: int, error: str) -> None:
    DataExport.objects.filter(pk=export_id).update(
        status=ExportStatus.FAILED, error=error[:500], finished_at=timezone.now()
    )


def export_open(*, user: User, export_id=None, token=None):
    """The archive's file, opened for its owner within its day; 404 otherwise. An
    expired one met here is removed at once rather than at the next sweep."""
    try:
        export = export_ready_for_user(user=user, export_id=export_id, token=token)
    except Http404:
        lookup = {"pk": export_id} if export_id is not None else {"token": token}
        expired = DataExport.objects.filter(user_id=user.pk, **lookup).first()
        if expired is not None and expired.is_expired():
            export_remove(export=expired)
        raise
    try:
        return export, default_storage.open(export.file_name, "rb")
    except FileNotFoundError:
        raise Http404("No such export.") from None


def export_remove(*, export: DataExport) -> None:
    if export.file_name:
        default_storage.delete(export.file_name)
    export.delete()


def exports_sweep(*, now: dt.datetime | None = None) -> int:
    """Removes every export past its day, file and row, and archives whose row is
    gone (its account was deleted); safe to run twice."""
    now = now or timezone.now()
    removed = 0
    for export in DataExport.objects.filter(
        created_at__lt=now - EXPORT_VALID_FOR
    ).iterator():
        if export.is_expired(now):
            export_remove(export=export)
            removed += 1
    return removed + _orphans_remove(now)


def _orphans_remove(now: dt.datetime) -> int:
    if not default_storage.exists("exports"):
        return 0
    _, names = default_storage.listdir("exports")
    known = set(DataExport.objects.exclude(file_name="").values_list("file_name"))
    removed = 0
    for name in names:
        path = f"exports/{name}"
        # A build saves its file a moment before its row names it.
        if (path,) in known or default_storage.get_modified_time(path) > (
            now - STALE_AFTER
        ):
            continue
        default_storage.delete(path)
        removed += 1
    return removed
