from django.urls import path

from practice.views import today

urlpatterns = [
    path("today/", today.today_page, name="practice-today"),
]
