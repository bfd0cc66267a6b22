"""Checks behind /healthz: does this process reach its database, channel layer
and broker?"""

import asyncio
import contextlib
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels_redis.pubsub import RedisPubSubChannelLayer
from django.db import connection

from config.celery import app as celery_app

CHECK_TIMEOUT_SECONDS = 2.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_channel_layer() -> None:
    layer = get_channel_layer()

    async def round_trip() -> None:
        # Pub/Sub delivers only to a channel already subscribed: new_channel()
        # subscribes. The list-based layers take a plain name (their new_channel()
        # shares the process's receive lock with every consumer).
        pubsub = isinstance(layer, RedisPubSubChannelLayer)
        if pubsub:
            channel = await layer.new_channel("healthz.")
        else:
            channel = f"healthz.{uuid.uuid4().hex}"
        token = uuid.uuid4().hex
        await layer.send(channel, {"type": "health.ping", "token": token})
        # (A receive cut short by the timeout forgets its channel by itself.)
        message = await layer.receive(channel)
        if pubsub:
            await _pubsub_channel_drop(layer, channel)
        if message.get("token") != token:
            raise RuntimeError("the channel layer returned another message")

    async def bounded() -> None:
        await asyncio.wait_for(round_trip(), CHECK_TIMEOUT_SECONDS)

    async_to_sync(bounded)()


async def _pubsub_channel_drop(layer, channel: str) -> None:
    """Pub/Sub forgets a channel (and unsubscribes) only when a receive on it is
    cancelled, which is how a consumer ends."""
    waiting = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(0)
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting


def check_broker() -> None:
    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=CHECK_TIMEOUT_SECONDS)


CHECKS = {
    "database": check_database,
    "channel_layer": check_channel_layer,
    "broker": check_broker,
}


def health_report() -> dict[str, str]:
    report = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means "down", with its reason
            report[name] = f"down: {type(error).__name__}: {error}"[:300]
        else:
            report[name] = "ok"
    return report
