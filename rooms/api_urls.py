from django.urls import path

from rooms import api

urlpatterns = [
    path("sessions/<int:pk>/room/", api.RoomApi.as_view(), name="api-room"),
]
