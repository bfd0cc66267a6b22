"""Websocket routes of the live room."""

from django.urls import path, re_path

from rooms import consumers

websocket_urlpatterns = [
    path("ws/sessions/<int:session_id>/", consumers.RoomConsumer.as_asgi()),
    # y-websocket appends the room name to the server address: /ws/pads/<uuid>.
    re_path(
        r"^ws/pads/(?P<pad_id>[0-9a-fA-F-]{32,36})/?$", consumers.PadConsumer.as_asgi()
    ),
]
