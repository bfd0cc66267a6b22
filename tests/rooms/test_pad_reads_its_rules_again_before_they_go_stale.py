"""A socket relays a keystroke before its store only while it knows, freshly, that
the pad takes edits. A typing socket reads that again in the background once it
is half stale, so a keystroke after the first few seconds is not held back for
the pad's lock (which, on a busy server, was the slowest 2% of keystrokes)."""

import asyncio

import pytest

from rooms import consumers
from rooms.services import pads
from tests.rooms.asgi_sockets import PadSocket, run, session_cookie
from tests.rooms.room_support import SlowWriter, room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]

FRESH_SECONDS = 1.0


def third_keystroke_seen_before_its_store(room, monkeypatch, *, read_after: float):
    writer = SlowWriter()
    monkeypatch.setattr(consumers, "pad_writer", lambda: writer)
    monkeypatch.setattr(pads, "RULES_FRESH_SECONDS", FRESH_SECONDS)
    monkeypatch.setattr(consumers, "RULES_READ_AFTER", read_after)

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        watcher = await PadSocket(
            session_cookie(room.interviewer), room.shared.pk
        ).open()
        await typist.type(0, "a")
        await asyncio.sleep(0.6 * FRESH_SECONDS)
        await typist.type(1, "b")
        await watcher.pump_until(lambda _: watcher.client.content == "ab")
        # The rules as read when the socket opened are stale by now.
        await asyncio.sleep(0.6 * FRESH_SECONDS)
        writer.delay = 1.5
        await typist.type(2, "c")
        await watcher.pump_until(lambda _: watcher.client.content == "abc", within=1)
        seen = watcher.client.content
        await typist.pump_until(lambda _: pads.pad_text(pad_id=room.shared.pk) == "abc")
        await typist.close()
        await watcher.close()
        return seen

    return run(scenario())


def test_a_typing_socket_keeps_its_rules_fresh_and_relays_at_once(
    transactional_db, monkeypatch
):
    room = room_now()

    seen = third_keystroke_seen_before_its_store(
        room, monkeypatch, read_after=FRESH_SECONDS / 2
    )

    assert seen == "abc"
    assert pads.pad_text(pad_id=room.shared.pk) == "abc"


def test_without_reading_again_the_keystroke_waits_for_its_store(
    transactional_db, monkeypatch
):
    room = room_now()

    seen = third_keystroke_seen_before_its_store(room, monkeypatch, read_after=60)

    assert seen == "ab"
    assert pads.pad_text(pad_id=room.shared.pk) == "abc"
