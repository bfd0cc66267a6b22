"""A keystroke that applies to the pad as its socket has it reaches the peer at
once, while its batch still waits to be stored; "saved" comes only once it is
stored. With PAD_RELAY_BEFORE_STORE off it waits for the pad's lock first."""

import pytest
from django.test import override_settings

from rooms import consumers
from rooms.services.pads import pad_text
from tests.rooms.asgi_sockets import PadSocket, run, session_cookie
from tests.rooms.room_support import SlowWriter, room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def saved_messages(socket) -> int:
    return sum(
        1
        for output in socket.outputs
        if (output.get("bytes") or b"")[:1] == bytes([consumers.MESSAGE_SAVED])
    )


def typed_while_the_store_waits(room, monkeypatch):
    writer = SlowWriter()
    monkeypatch.setattr(consumers, "pad_writer", lambda: writer)

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        watcher = await PadSocket(
            session_cookie(room.interviewer), room.shared.pk
        ).open()
        saved_before = saved_messages(typist)
        writer.delay = 1.5
        await typist.type(0, "a")
        await watcher.pump_until(lambda _: watcher.client.content == "a", within=1)
        seen = watcher.client.content, pad_text(pad_id=room.shared.pk)
        await typist.pump(seconds=0.1)
        saved_early = saved_messages(typist) - saved_before
        await typist.pump_until(lambda _: saved_messages(typist) > saved_before)
        await watcher.pump(seconds=0.1)
        await typist.close()
        await watcher.close()
        return seen, saved_early

    return run(scenario())


def test_the_peer_sees_a_keystroke_before_it_is_stored_and_saved_follows_the_store(
    transactional_db, monkeypatch
):
    room = room_now()

    (seen, stored_then), saved_early = typed_while_the_store_waits(room, monkeypatch)

    assert (seen, stored_then) == ("a", "")
    assert saved_early == 0
    assert pad_text(pad_id=room.shared.pk) == "a"


@override_settings(PAD_RELAY_BEFORE_STORE=False)
def test_switched_off_the_keystroke_waits_for_its_store(transactional_db, monkeypatch):
    room = room_now()

    (seen, _), _ = typed_while_the_store_waits(room, monkeypatch)

    assert seen == ""
    assert pad_text(pad_id=room.shared.pk) == "a"
