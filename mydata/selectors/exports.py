"""A person's exports, read through one check: an export is its owner's alone, and
anyone else (staff included) gets the 404 of something that does not exist."""

from django.http import Http404
from django.utils import timezone

from mydata.models import DataExport, ExportStatus
from users.models import User


def export_get_for_user(*, user: User, export_id: int) -> DataExport:
    export = DataExport.objects.filter(pk=export_id, user_id=user.pk).first()
    if export is None:
        raise Http404("No such export.")
    return export


def export_ready_for_user(*, user: User, export_id=None, token=None) -> DataExport:
    """A finished archive of this person's, still within its day; 404 otherwise."""
    lookup = {"pk": export_id} if export_id is not None else {"token": token or "-"}
    export = DataExport.objects.filter(
        user_id=user.pk, status=ExportStatus.READY, **lookup
    ).first()
    if export is None or not export.file_name or export.is_expired():
        raise Http404("No such export.")
    return export


def export_latest_for_user(*, user: User) -> DataExport | None:
    """What the profile shows: the newest export still worth showing (one waiting,
    being prepared, failed, or ready within its day)."""
    export = DataExport.objects.filter(user_id=user.pk).first()
    if export is None or export.is_expired(timezone.now()):
        return None
    return export


def export_message(export: DataExport) -> str:
    if export.status == ExportStatus.QUEUED:
        return "Waiting to start…"
    if export.status == ExportStatus.RUNNING:
        return f"Preparing your archive: {export.done} of {export.total or '…'} parts."
    if export.status == ExportStatus.READY:
        return "Your archive is ready."
    return f"Preparing the archive failed: {export.error or 'unknown error.'}"
