"""The archive of everything a person owns: prepared from the profile, its progress
polled by the page, downloaded by its owner within a day."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from mydata.selectors.exports import export_get_for_user, export_message
from mydata.services.export import export_file_name, export_open, export_start


def export_status_data(export) -> dict:
    ready = export.status == "ready"
    return {
        "id": export.pk,
        "status": export.status,
        "done": export.done,
        "total": export.total,
        "message": export_message(export),
        "finished": export.status in ("ready", "failed"),
        "download_url": reverse("mydata-export-download", args=[export.token])
        if ready
        else None,
    }


@login_required
@require_POST
def export_start_view(request):
    export_start(user=request.user)
    return redirect(reverse("profile") + "#my-data")


@login_required
@require_GET
def export_status(request, export_id: int):
    export = export_get_for_user(user=request.user, export_id=export_id)
    response = JsonResponse(export_status_data(export))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_download(request, token: str):
    export, opened = export_open(user=request.user, token=token)
    response = FileResponse(
        opened, as_attachment=True, filename=export_file_name(export)
    )
    response["Cache-Control"] = "private, no-store"
    return response
