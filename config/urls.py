from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import views

handler400 = "core.errors.handler400"
handler404 = "core.errors.handler404"
handler500 = "core.errors.handler500"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("outbox/", views.outbox_list, name="outbox"),
    path("outbox/<str:name>", views.outbox_download, name="outbox-download"),
    path("accounts/", include("allauth.urls")),
    path("me/data/", include("mydata.urls")),
    path("me/", include("users.urls")),
    path("notifications/", include("notifications.urls")),
    path("questions/", include("questions.urls")),
    path("sessions/", include("interviews.urls")),
    path("sessions/", include("rooms.urls")),
    path("feedback/", include("feedback.urls")),
    path("practice/", include("practice.urls")),
    path("career/", include("career.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]
