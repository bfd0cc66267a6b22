"""Relays between two sockets of one pad that live in the same process go straight
from one to the other, not through the channel layer: the kernel spreads sockets
over the server's processes, so about half of the rooms have both their people in
one, and for them a keystroke no longer waits for a Redis round trip and for the
process's subscription to read it back (docs/live-room.md).

The message still goes through the layer for sockets in other processes. Each
process (each event loop: tests run many) has a token of its own, carried by
what it sends; a socket drops a layer message that carries its own process's
token, since it had it already.
"""

import asyncio
import uuid
import weakref
from collections import defaultdict


class LocalPads:
    def __init__(self):
        self.token = uuid.uuid4().hex
        self.sockets: defaultdict = defaultdict(weakref.WeakSet)
        # Deliveries on their way (asyncio keeps only weak references to tasks).
        self.in_flight: set[asyncio.Task] = set()

    def join(self, pad_id, socket) -> None:
        self.sockets[pad_id].add(socket)

    def leave(self, pad_id, socket) -> None:
        members = self.sockets.get(pad_id)
        if members is not None:
            members.discard(socket)
            if not members:
                del self.sockets[pad_id]

    def deliver(self, pad_id, sender, handler_name: str, event: dict) -> None:
        """Hand `event` to the handler of every other socket of the pad here."""
        for socket in list(self.sockets.get(pad_id, ())):
            if socket is sender:
                continue
            task = asyncio.ensure_future(getattr(socket, handler_name)(event))
            self.in_flight.add(task)
            task.add_done_callback(self.in_flight.discard)


_registries: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def local_pads() -> LocalPads:
    """This event loop's pad sockets."""
    loop = asyncio.get_running_loop()
    registry = _registries.get(loop)
    if registry is None:
        registry = _registries[loop] = LocalPads()
    return registry
