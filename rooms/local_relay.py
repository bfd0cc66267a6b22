"""Relays between two sockets of one pad that live in the same process go straight
from one to the other, not through the channel layer: the kernel spreads sockets
over the server's processes, so about half of the rooms have both their people in
one, and for them a keystroke no longer waits for a Redis round trip and for the
process's subscription to read it back (docs/live-room.md).

The message still goes through the layer for sockets in other processes, and
only when there are some: Redis counts who listens to the pad's group, and a
socket that joins in another process says so at once (`pad.here`). A pad whose
sockets all live here costs Redis one question every few seconds, not a message
per keystroke (docs/live-room.md, "Publish only what another process hears").
Each process (each event loop: tests run many) has a token of its own, carried
by what it sends; a socket drops a layer message that carries its own process's
token, since it had it already.
"""

import asyncio
import logging
import time
import uuid
import weakref
from collections import defaultdict

from core.channel_layers import group_listeners

logger = logging.getLogger(__name__)

# How long a process trusts what Redis said of a pad's listeners. A socket that
# joins elsewhere says so at once; the check catches one that left (until then
# the process publishes for nobody) and an announcement Redis lost. Each check is
# a round trip to Redis, which at 1 s took 5% of a busy event loop.
LISTENERS_RECHECK_SECONDS = 5.0


class LocalPads:
    def __init__(self):
        self.token = uuid.uuid4().hex
        # Plain sets: iterating a WeakSet took 5% of a busy event loop; a socket
        # leaves in its disconnect, which channels always calls.
        self.sockets: defaultdict = defaultdict(set)
        # Deliveries on their way (asyncio keeps only weak references to tasks).
        self.in_flight: set[asyncio.Task] = set()
        # Per pad held here: does a process elsewhere listen, and since when known.
        self.elsewhere: dict = {}
        self.checks: dict = {}

    def join(self, pad_id, socket) -> None:
        self.sockets[pad_id].add(socket)

    def leave(self, pad_id, socket) -> None:
        members = self.sockets.get(pad_id)
        if members is not None:
            members.discard(socket)
            if not members:
                del self.sockets[pad_id]
                self.elsewhere.pop(pad_id, None)

    def deliver(self, pad_id, sender, handler_name: str, event: dict) -> None:
        """Hand `event` to the handler of every other socket of the pad here."""
        for socket in list(self.sockets.get(pad_id, ())):
            if socket is sender:
                continue
            task = asyncio.ensure_future(getattr(socket, handler_name)(event))
            self.in_flight.add(task)
            task.add_done_callback(self.in_flight.discard)

    def heard_elsewhere_known(self, pad_id) -> bool | None:
        """heard_elsewhere, when it needs no question to Redis; else None."""
        known = self.elsewhere.get(pad_id)
        if (
            known is not None
            and time.monotonic() - known[1] < LISTENERS_RECHECK_SECONDS
        ):
            return known[0]
        return None

    async def heard_elsewhere(self, pad_id, layer, group: str) -> bool:
        """Whether a socket of the pad in another process may hear what is sent
        to `group`: what Redis last said, checked again after
        LISTENERS_RECHECK_SECONDS, or a socket's word that it joined elsewhere."""
        known = self.heard_elsewhere_known(pad_id)
        if known is not None:
            return known
        check = self.checks.get(pad_id)
        if check is None:
            check = self.checks[pad_id] = asyncio.ensure_future(
                self._listeners_check(pad_id, layer, group)
            )
        # One check for every relay that waits on it; a relay cancelled (its
        # socket closed) does not cancel it for the others.
        return await asyncio.shield(check)

    async def _listeners_check(self, pad_id, layer, group: str) -> bool:
        started = time.monotonic()
        try:
            listeners = await group_listeners(layer, group)
        except Exception:
            # Publish, as before this check existed: the layer says what is wrong.
            logger.warning(
                "Pad %s: could not count its listeners", pad_id, exc_info=True
            )
            listeners = None
        finally:
            del self.checks[pad_id]
        # This process listens too: anyone more is elsewhere. A layer that cannot
        # tell is always published to.
        heard = listeners is None or listeners > 1
        known = self.elsewhere.get(pad_id)
        joined_meanwhile = known is not None and known[0] and known[1] > started
        if pad_id in self.sockets and not joined_meanwhile:
            self.elsewhere[pad_id] = (heard, time.monotonic())
        return heard or joined_meanwhile

    def joined_elsewhere(self, pad_id) -> None:
        """A socket of the pad joined in another process: relay through the layer
        from now on."""
        if pad_id in self.sockets:
            self.elsewhere[pad_id] = (True, time.monotonic())


_registries: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def local_pads() -> LocalPads:
    """This event loop's pad sockets."""
    loop = asyncio.get_running_loop()
    registry = _registries.get(loop)
    if registry is None:
        registry = _registries[loop] = LocalPads()
    return registry
