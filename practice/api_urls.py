from django.urls import path

from practice.api import PracticeSettingsApi
from practice.api_today import TodayApi

urlpatterns = [
    path("practice/today/", TodayApi.as_view(), name="api-practice-today"),
    path(
        "practice/settings/",
        PracticeSettingsApi.as_view(),
        name="api-practice-settings",
    ),
]
