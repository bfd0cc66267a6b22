"""Websocket routes of every app, gathered for config.asgi."""

from interviews.routing import websocket_urlpatterns as interviews_routes

websocket_urlpatterns: list = [*interviews_routes]
