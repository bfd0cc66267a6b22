from django.urls import path

from mydata.views import deletion, export, import_progress

urlpatterns = [
    path("export/", export.export_start_view, name="mydata-export-start"),
    path(
        "export/<int:export_id>/status",
        export.export_status,
        name="mydata-export-status",
    ),
    path(
        "export/<str:token>/download",
        export.export_download,
        name="mydata-export-download",
    ),
    path("import/", import_progress.progress_import_view, name="mydata-import"),
    path("delete/", deletion.account_delete_view, name="account-delete"),
]
