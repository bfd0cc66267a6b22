from django.urls import path

from mydata import api

urlpatterns = [
    path("me/export/", api.ExportStartApi.as_view(), name="api-me-export"),
    path(
        "me/export/<int:export_id>/",
        api.ExportDetailApi.as_view(),
        name="api-me-export-detail",
    ),
    path(
        "me/export/<int:export_id>/download/",
        api.ExportDownloadApi.as_view(),
        name="api-me-export-download",
    ),
    path("me/import/", api.ImportApi.as_view(), name="api-me-import"),
]
