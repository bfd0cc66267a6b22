"""Importing the progress and lists of an export, from this Mockloop or another."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.errors import ApplicationError
from mydata.services.import_progress import (
    MAX_UPLOAD_BYTES,
    progress_import_upload,
)

TEMPLATE = "mydata/import.html"


@login_required
def progress_import_view(request):
    context = {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ApplicationError("Choose an export archive or its export.json.")
        report = progress_import_upload(user=request.user, upload=upload)
    except ApplicationError as error:
        context["error"] = error.message
        return render(request, TEMPLATE, context, status=400)
    return render(request, TEMPLATE, {**context, "report": report})
