"""A keystroke is relayed before it is stored. A socket that joins its pad after
that relay and loads the pad before that store heard neither: a moment after
joining it sends its client what was stored since it loaded, so the newcomer's
pad shows the text then, not at its client's resync 15 s later."""

import pytest

from rooms import consumers
from rooms.services.pads import pad_text
from tests.rooms.asgi_sockets import PadSocket, notices, run, session_cookie
from tests.rooms.room_support import SlowWriter, room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def test_an_update_relayed_before_a_socket_joined_and_stored_after_reaches_it(
    transactional_db, monkeypatch
):
    room = room_now()
    writer = SlowWriter()
    monkeypatch.setattr(consumers, "pad_writer", lambda: writer)
    # Later than the steps below take, to see the pad before and after it.
    monkeypatch.setattr(consumers, "JOIN_CATCH_UP_SECONDS", 5)

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        await typist.type(0, "a")
        await typist.pump_until(lambda _: typist.client.all_saved())
        writer.delay = 2.0
        # Relayed at once, to nobody yet; stored two seconds later.
        await typist.type(1, "b")
        watcher = await PadSocket(
            session_cookie(room.interviewer), room.shared.pk
        ).open(seconds=0.1)
        # Its pad as loaded (a busy machine may take more than the open's pump).
        await watcher.pump_until(lambda _: watcher.client.content, within=1.5)
        loaded = watcher.client.content
        writer.delay = 0.0
        await typist.pump_until(lambda _: typist.client.all_saved())
        await typist.type(2, "c")
        await typist.pump(seconds=0.1)
        await watcher.pump(seconds=0.1)
        before_catch_up = watcher.client.content
        await watcher.pump_until(lambda _: watcher.client.content == "abc", within=10)
        await typist.close()
        await watcher.close()
        return watcher, loaded, before_catch_up

    watcher, loaded, before_catch_up = run(scenario())

    # "c" came by the relay, but waits in the watcher's Yjs for the "b" it follows.
    assert (loaded, before_catch_up) == ("a", "a")
    assert watcher.client.content == "abc" == pad_text(pad_id=room.shared.pk)
    assert notices(watcher.outputs) == []
    assert watcher.client.resyncs == 0
