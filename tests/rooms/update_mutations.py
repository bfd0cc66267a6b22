"""Yjs updates bent the ways a hostile participant would bend them: a struct's clock
claimed far ahead, bits flipped, lengths changed, bytes cut off. Made from real
updates, so most still parse and reach the code that applies them."""

import random

from hypothesis import strategies as st
from pycrdt import Decoder, Doc, Text

from tests.rooms.yclient import YClient


def write_var_uint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte, number = number & 0x7F, number >> 7
        if number:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def header_fields(update: bytes) -> tuple[list[int], int]:
    """The first four var-uints of an update (groups, structs, client, clock) and
    where they end."""
    decoder = Decoder(update)
    fields = [decoder.read_var_uint() for _ in range(4)]
    return fields, len(b"".join(write_var_uint(f) for f in fields))


def with_clock(update: bytes, clock: int) -> bytes:
    """The same update, its first struct claiming another clock."""
    (groups, structs, client, _), end = header_fields(update)
    head = b"".join(write_var_uint(f) for f in (groups, structs, client, clock))
    return head + update[end:]


def with_header_field(update: bytes, index: int, value: int) -> bytes:
    fields, end = header_fields(update)
    fields[index] = value
    return b"".join(write_var_uint(f) for f in fields) + update[end:]


def real_updates() -> list[bytes]:
    """Updates two people send typing, deleting and typing over each other."""
    alice = YClient()
    updates = []
    for message in alice.type(0, "def merge(bookings):\n"):
        updates.append(message)
    for message in alice.type(21, "    return sorted(bookings)\n"):
        updates.append(message)
    del alice.text[4:9]
    updates += alice.pending_updates()
    bob = Doc()
    bob.apply_update(alice.doc.get_update())
    bob_text = bob.get("pad", type=Text)
    bob_updates = []
    bob.observe(lambda event: bob_updates.append(event.update))
    bob_text.insert(0, "# Bob: what about empty input?\n")
    bob_text.insert(5, "é✓")
    return [_payload(m) for m in updates] + bob_updates


def _payload(message: bytes) -> bytes:
    # y-websocket message (type, sync step, var-uint length) -> the update inside
    decoder = Decoder(message[2:])
    return decoder.read_message()


HUGE = [0, 1, 2**31 - 1, 2**32 - 1, 2**53, 2**63 - 1]
WAYS = ["as is", "clock", "header", "flip", "byte", "truncate", "grow", "splice"]


def bend(update: bytes, how: str, pick) -> bytes:
    """`update` bent one way; `pick(name, choices_or_range)` chooses each detail
    (hypothesis draws them, or a seeded random)."""
    update = bytearray(update)
    if how == "clock":
        return with_clock(bytes(update), pick("clock", HUGE + [12345, 2**40]))
    if how == "header":
        index = pick("index", range(4))
        return with_header_field(bytes(update), index, pick("value", HUGE))
    at = pick("at", range(len(update)))
    if how == "flip":
        update[at] ^= 1 << pick("bit", range(8))
    elif how == "byte":
        update[at] = pick("byte", range(256))
    elif how == "truncate":
        del update[max(at, 1) :]
    elif how == "grow":
        update[at:at] = write_var_uint(pick("value", HUGE))
    elif how == "splice":
        other = pick("other", BASES)
        update = update[:at] + other[pick("from", range(len(other))) :]
    return bytes(update)


@st.composite
def mutated_update(draw) -> bytes:
    base = draw(st.sampled_from(BASES))
    how = draw(st.sampled_from(WAYS))
    return bend(base, how, lambda name, choices: draw(st.sampled_from(choices)))


def bent_updates(count: int, seed: int) -> list[bytes]:
    """`count` bent updates from a seeded random, the same every run."""
    rng = random.Random(seed)
    return [
        bend(rng.choice(BASES), rng.choice(WAYS), lambda name, c: rng.choice(c))
        for _ in range(count)
    ]


BASES = real_updates()
