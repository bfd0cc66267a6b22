"""What a pad's socket relays, and how it knows that a relayed message was lost.

The channel layer delivers at most once. The pad stays whole anyway, because the
database is the truth. What a socket must notice is a relayed update that never
came, so that its client resyncs at once instead of at its next resync, 15 s later.
Each socket numbers the updates it relays (1, 2, 3...), and its peers follow each
sender's numbers: a number whose predecessor has not reached the socket within a
moment means a lost message. The numbers are the sender's, not the log's, because
an update is relayed before it is stored (docs/live-room.md).

Cursors (y-websocket's awareness) are relayed from the client that owns them
only. y-websocket sends on every cursor it hears, its peers' too, so without the
filter each keystroke's cursor would travel back and forth.
"""

import json
from dataclasses import dataclass, field

from pycrdt import Decoder, create_awareness_message, write_var_uint

# How long an update may wait for the one before it (relays from two processes, or
# two sockets of one, may cross) before the one before counts as lost.
GAP_SECONDS = 1.0


@dataclass
class RelayFollower:
    """Which of one sender's relayed updates a socket's client has: every one up
    to number `last`, and `waiting` ones that came before the one they follow did
    (number → since when)."""

    last: int
    waiting: dict[int, float] = field(default_factory=dict)

    def arrived(self, *, seq: int, now: float) -> None:
        if seq <= self.last:
            return
        if seq > self.last + 1:
            self.waiting.setdefault(seq, now)
            return
        self.last = seq
        self._advance()

    def skip(self) -> None:
        """Stop waiting: the client was sent the pad as stored, or is asked for
        what it lacks."""
        self.last = max([self.last, *self.waiting])
        self.waiting.clear()

    def gap_since(self) -> float | None:
        """Since when an update has waited for one that has not come, if any has."""
        return min(self.waiting.values(), default=None)

    def _advance(self) -> None:
        while self.last + 1 in self.waiting:
            self.last += 1
            del self.waiting[self.last]
        for seq in [seq for seq in self.waiting if seq <= self.last]:
            del self.waiting[seq]


class AwarenessRefused(ValueError):
    pass


@dataclass(frozen=True)
class AwarenessEntry:
    client: int
    clock: int
    state: str  # JSON: an object, or null when the client leaves


def awareness_entries(update: bytes, *, most: int) -> list[AwarenessEntry]:
    """The entries of an awareness update, each state checked to be JSON that the
    peer's browser can parse: an object or null."""
    decoder = Decoder(update)
    count = decoder.read_var_uint()
    if count > most:
        raise AwarenessRefused("That cursor message speaks for too many editors.")
    entries = []
    for _ in range(count):
        client, clock = decoder.read_var_uint(), decoder.read_var_uint()
        state = decoder.read_var_string()
        if not isinstance(json.loads(state), dict | None):
            raise AwarenessRefused("A cursor state must be a JSON object.")
        entries.append(AwarenessEntry(client, clock, state))
    return entries


def awareness_message(entries: list[AwarenessEntry]) -> bytes:
    parts = [write_var_uint(len(entries))]
    for entry in entries:
        state = entry.state.encode()
        parts += [write_var_uint(entry.client), write_var_uint(entry.clock)]
        parts += [write_var_uint(len(state)), state]
    return create_awareness_message(b"".join(parts))
