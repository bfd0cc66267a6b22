"""Cursors (y-websocket's awareness) go from the person who moves them to the
others, once: not back to their sender, and not again when the peer's
y-websocket sends on the cursor it just heard. A socket that closes takes its
cursors away at once."""

import pytest

from rooms.relay import AwarenessEntry, awareness_entries, awareness_message
from tests.rooms.asgi_sockets import PadSocket, run, session_cookie
from tests.rooms.room_support import room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def cursors_heard(socket) -> list[tuple[int, str]]:
    return [
        (entry.client, entry.state)
        for payload in socket.client.awareness
        for entry in awareness_entries(payload, most=16)
    ]


def test_a_cursor_reaches_the_peer_once_and_an_echo_goes_no_further():
    room = room_now()
    typist_state = '{"user":{"name":"Bob"},"cursor":{"anchor":1}}'
    watcher_state = '{"user":{"name":"Alice"}}'

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        watcher = await PadSocket(
            session_cookie(room.interviewer), room.shared.pk
        ).open()
        typist_id = typist.client.doc.client_id
        await typist.send(typist.client.awareness_message(1, typist_state))
        await watcher.pump()
        # What y-websocket does on hearing a cursor: send it on.
        await watcher.send(
            awareness_message([AwarenessEntry(typist_id, 1, typist_state)])
        )
        await typist.pump()
        heard_before_watcher_moved = cursors_heard(typist)
        await watcher.send(watcher.client.awareness_message(1, watcher_state))
        await typist.pump()
        await typist.close()
        await watcher.pump()
        await watcher.close()
        return typist, watcher, typist_id, heard_before_watcher_moved

    typist, watcher, typist_id, heard_before = run(scenario())

    assert heard_before == []
    assert cursors_heard(typist) == [(watcher.client.doc.client_id, watcher_state)]
    assert cursors_heard(watcher) == [(typist_id, typist_state), (typist_id, "null")]
