from django.urls import path

from practice.views import habit

urlpatterns = [
    path("settings/", habit.practice_settings, name="practice-settings"),
]
