"""A person who types while their pad reconnects keeps their pad: an update that
builds on edits the server does not have yet (the ones made offline, on their way
in the client's sync answer, or ones lost with a server that died) is not stored
and does not close the socket; the client is asked for everything the pad lacks,
and then every edit is stored and reaches the peer. Through the real ASGI app,
on both databases."""

import asyncio

import pytest

from rooms.services.pads import pad_text
from tests.rooms.asgi_sockets import (
    PadSocket,
    closes,
    notices,
    run,
    session_cookie,
)
from tests.rooms.room_support import room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


@pytest.fixture
def room(transactional_db):
    return room_now()


def test_typing_before_the_catch_up_arrives_keeps_the_socket_and_every_edit(room):
    pad = room.shared
    cookies = session_cookie(room.interviewer), session_cookie(room.candidate)

    async def scenario():
        typist = await PadSocket(cookies[0], pad.pk).open()
        watcher = await PadSocket(cookies[1], pad.pk).open()
        await typist.type(0, "def merge():\n")
        await typist.pump()
        await typist.close()
        # Offline: typed, never sent.
        typist.client.type(len(typist.client.content), "offline line\n")
        # Back: the page types on before the server's sync step 1 is answered,
        # and its new keystroke goes out at once, ahead of the catch-up.
        again = PadSocket(cookies[0], pad.pk)
        again.client = typist.client
        connected, _ = await again.socket.connect()
        assert connected
        await again.send(again.client.hello())
        await again.type(len(again.client.content), "after\n")
        got = await again.pump_until(lambda got: again.client.all_saved())
        await watcher.pump_until(lambda got: "after" in watcher.client.content)
        await again.close()
        await watcher.close()
        return got, again.client.content, watcher.client.content

    got, typed, watched = run(scenario())

    assert closes(got) == []
    assert notices(got) == []
    assert typed == "def merge():\noffline line\nafter\n"
    assert watched == typed
    assert pad_text(pad_id=pad.pk) == typed


def test_an_update_after_a_lost_one_makes_the_server_ask_for_what_it_lacks(room):
    pad = room.shared
    cookie = session_cookie(room.candidate)

    async def scenario():
        writer = await PadSocket(cookie, pad.pk).open()
        # The server asks for what it lacks at most once a second: past the ask
        # it made when the socket opened.
        await asyncio.sleep(1.1)
        writer.client.type(0, "lost on the way\n")  # never sent
        await writer.type(len(writer.client.content), "arrives\n")
        got = await writer.pump_until(lambda got: writer.client.all_saved())
        await writer.close()
        return got, writer.client.content

    got, content = run(scenario())

    assert closes(got) == []
    assert content == "lost on the way\narrives\n"
    assert pad_text(pad_id=pad.pk) == content
