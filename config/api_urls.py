"""The API of every app under /api/."""

from django.urls import include, path

from users.api import TokenObtainApi

urlpatterns = [
    path("auth/token/", TokenObtainApi.as_view(), name="api-token"),
    path("", include("users.api_urls")),
    # Before questions: its progress/<slug>/ would take progress/summary/.
    path("", include("feedback.api_urls")),
    path("", include("questions.api_urls")),
    path("", include("interviews.api_urls")),
    path("", include("rooms.api_urls")),
    path("", include("practice.api_urls")),
    path("", include("career.api_urls")),
    path("", include("mydata.api_urls")),
]
