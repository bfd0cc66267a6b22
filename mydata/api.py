"""The API of a person's own data: the archive of everything they own (started,
followed, downloaded) and the import of an export's progress and lists."""

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from mydata.selectors.exports import export_get_for_user, export_message
from mydata.services.export import export_file_name, export_open, export_start
from mydata.services.import_progress import progress_import_upload


class ExportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["queued", "running", "ready", "failed"])
    done = serializers.IntegerField(help_text="Parts prepared so far.")
    total = serializers.IntegerField(help_text="Parts to prepare; 0 until it starts.")
    message = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(
        help_text="After this the archive is deleted and its link answers 404."
    )
    download_url = serializers.SerializerMethodField(
        help_text="The archive (a .zip), once ready; for its owner only."
    )

    def get_message(self, export) -> str:
        return export_message(export)

    def get_download_url(self, export) -> str | None:
        if export.status != "ready":
            return None
        return reverse("api-me-export-download", args=[export.pk])


class ExportStartApi(APIView):
    """Prepare an archive of everything I own; a second call while one is on its
    way answers that one."""

    @extend_schema(
        request=None,
        responses={202: ExportOutputSerializer},
        summary="Prepare my archive",
    )
    def post(self, request):
        export = export_start(user=request.user)
        return Response(ExportOutputSerializer(export).data, status=202)


class ExportDetailApi(APIView):
    @extend_schema(responses=ExportOutputSerializer, summary="My archive's progress")
    def get(self, request, export_id: int):
        export = export_get_for_user(user=request.user, export_id=export_id)
        response = Response(ExportOutputSerializer(export).data)
        response["Cache-Control"] = "private, no-store"
        return response


class ExportDownloadApi(APIView):
    @extend_schema(
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="mockloop-export-YYYY-MM-DD.zip"
            )
        },
        summary="Download my archive (for a day after it is ready)",
    )
    def get(self, request, export_id: int):
        export, opened = export_open(user=request.user, export_id=export_id)
        response = FileResponse(
            opened,
            as_attachment=True,
            filename=export_file_name(export),
            content_type="application/zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ImportApi(APIView):
    """Import the progress, attempts and lists of an export (the .zip or its
    export.json); importing the same file again adds nothing."""

    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="At most 50 MB.")

    class OutputSerializer(serializers.Serializer):
        progress_created = serializers.IntegerField()
        progress_updated = serializers.IntegerField()
        progress_kept = serializers.IntegerField()
        attempts_added = serializers.IntegerField()
        attempts_present = serializers.IntegerField()
        lists_created = serializers.IntegerField()
        lists_matched = serializers.IntegerField()
        list_items_added = serializers.IntegerField()
        unmatched = serializers.ListField(
            child=serializers.DictField(child=serializers.CharField()),
            help_text="Questions no question here matched, by slug or link.",
        )

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses=OutputSerializer,
        summary="Import my progress and lists from an export",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = progress_import_upload(
            user=request.user, upload=serializer.validated_data["file"]
        )
        return Response(self.OutputSerializer(report.as_dict()).data)
