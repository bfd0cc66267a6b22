"""Websocket routes of every app, gathered for config.asgi, and a last route that
refuses any other path at the handshake (a 403) instead of the server error
Channels' router raises for a path nobody serves."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

from rooms.routing import websocket_urlpatterns as room_routes


class NoSuchSocket(AsyncWebsocketConsumer):
    async def connect(self):
        # Closing before accepting makes every ASGI server answer the handshake
        # with 403.
        await self.close()


websocket_urlpatterns: list = [
    *room_routes,
    re_path(r"", NoSuchSocket.as_asgi()),
]
