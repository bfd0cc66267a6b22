"""Channel-layer messages to websocket groups, sent once the transaction commits.

The channel layer delivers at most once: a message only tells sockets to read their
state again from the database, which is the truth (docs/live-room.md)."""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def group_send_now(group: str, message: dict) -> None:
    try:
        send = async_to_sync(get_channel_layer().group_send)
        if _loop_running_here():
            # Synchronous code on a thread that also runs an event loop (a script
            # or test driving Playwright's sync API): async_to_sync refuses it.
            with ThreadPoolExecutor(max_workers=1) as thread:
                thread.submit(send, group, message).result()
        else:
            send(group, message)
    except Exception:  # the relay is best effort; sockets resync from the database
        logger.exception("Could not send %s to %s", message.get("type"), group)


def _loop_running_here() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def group_send_after_commit(group: str, message: dict) -> None:
    """Nobody hears of a change that was rolled back."""
    transaction.on_commit(lambda: group_send_now(group, message), robust=True)
