from django.urls import path

from feedback import views

urlpatterns = [
    path("", views.feedback_overview, name="feedback-overview"),
]
