from django.urls import path

from practice.api import PracticeSettingsApi

urlpatterns = [
    path(
        "practice/settings/",
        PracticeSettingsApi.as_view(),
        name="api-practice-settings",
    ),
]
