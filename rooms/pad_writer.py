"""Group commit for the pads of one process: each socket's update waits while the
batch before it is being stored, then goes in the next batch. No update waits on a
timer: when the server is idle, a batch is one update. Under load, one transaction
stores the updates of every socket of the process, and the database thread keeps
up. A socket relays its update once it applied to the socket's replica, before its
batch (or, when the replica cannot tell, once it applied under the pad's lock),
and hears "saved" only once it is committed: the peer does not wait for the
batch, and "saved" still means in the database."""

import asyncio
import weakref
from collections.abc import Callable

from channels.db import database_sync_to_async

from rooms.services.pads import (
    PadReplica,
    PendingUpdate,
    StoredUpdate,
    pad_updates_store,
)

# The most updates one transaction stores: bounds how long one batch holds pads'
# locks, and what one failure refuses.
MOST_PER_BATCH = 200


class PadWriter:
    def __init__(self):
        self.queue: list[tuple[PendingUpdate, asyncio.Future]] = []
        self.draining: asyncio.Task | None = None

    async def store(
        self,
        *,
        replica: PadReplica,
        data: bytes,
        author_id: int | None,
        on_applied: Callable[[], None] | None = None,
        tried: bool = False,
    ) -> StoredUpdate:
        """Store one update (raises PadReadOnly or UpdateRefused as
        pad_update_store does). `on_applied()` runs on this event loop once the
        update applied under its pad's lock, before the commit. `tried`: it
        applied to the replica already (pad_update_try_early)."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        hook = None
        if on_applied is not None:

            def hook() -> None:
                loop.call_soon_threadsafe(on_applied)

        pending = PendingUpdate(replica, data, author_id, hook, tried=tried)
        self.queue.append((pending, done))
        if self.draining is None or self.draining.done():
            self.draining = asyncio.ensure_future(self._drain())
        return await done

    async def _drain(self) -> None:
        while self.queue:
            batch = self.queue[:MOST_PER_BATCH]
            del self.queue[:MOST_PER_BATCH]
            try:
                outcomes = await database_sync_to_async(pad_updates_store)(
                    [pending for pending, _ in batch]
                )
            except Exception as error:
                for _, done in batch:
                    if not done.done():
                        done.set_exception(error)
                continue
            for (_, done), outcome in zip(batch, outcomes, strict=True):
                if done.done():  # its socket closed meanwhile
                    continue
                if isinstance(outcome, Exception):
                    done.set_exception(outcome)
                else:
                    done.set_result(outcome)


_writers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def pad_writer() -> PadWriter:
    """This event loop's writer (a server process runs one loop; tests run many)."""
    loop = asyncio.get_running_loop()
    writer = _writers.get(loop)
    if writer is None:
        writer = _writers[loop] = PadWriter()
    return writer
