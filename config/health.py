"""Checks behind /healthz: does this process reach its database, channel layer
and broker?"""

import asyncio
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection

from config.celery import app as celery_app

CHECK_TIMEOUT_SECONDS = 2.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_channel_layer() -> None:
    layer = get_channel_layer()

    async def round_trip() -> None:
        # A plain channel name, not new_channel()'s process-specific one: the
        # latter shares the process's receive lock with every websocket consumer,
        # which channels-redis binds to one event loop (and a check cut short by
        # its timeout could leave the lock held, failing every later check).
        channel = f"healthz.{uuid.uuid4().hex}"
        token = uuid.uuid4().hex
        await layer.send(channel, {"type": "health.ping", "token": token})
        message = await layer.receive(channel)
        if message.get("token") != token:
            raise RuntimeError("the channel layer returned another message")

    async def bounded() -> None:
        await asyncio.wait_for(round_trip(), CHECK_TIMEOUT_SECONDS)

    async_to_sync(bounded)()


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
