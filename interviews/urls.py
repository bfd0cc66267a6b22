from django.urls import path

from interviews import views

urlpatterns = [
    path("", views.session_list, name="session-list"),
]
