"""A keystroke relayed before its store may still be refused under the pad's lock:
here the peer's edit filled the log meanwhile. The typist is told the pad is
read-only, the log keeps only what it took, and the typist's page is never told
the refused keystroke was saved, not even after a resync (the socket's replica,
which held it, is read again from the database)."""

import pytest
from django.test import override_settings

from rooms.services.pads import pad_text
from tests.rooms.asgi_sockets import PadSocket, notices, run, session_cookie
from tests.rooms.room_support import room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


@override_settings(PAD_MAX_LOG_BYTES=400)
def test_a_keystroke_refused_after_its_relay_stays_unsaved(transactional_db):
    room = room_now()

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        peer = await PadSocket(session_cookie(room.interviewer), room.shared.pk).open()
        # Stored under the lock (too big to judge before it), filling the log.
        await peer.type(0, "x" * 420)
        await peer.pump_until(lambda _: pad_text(pad_id=room.shared.pk) != "")
        # The typist's replica has not read the peer's row: it takes the
        # keystroke and relays it; the lock then finds the log full.
        await typist.type(0, "a")
        await typist.pump_until(notices)
        await peer.pump(seconds=0.2)
        await typist.send(typist.client.hello())
        await typist.pump(seconds=0.5)
        await typist.close()
        await peer.close()
        return typist, peer

    typist, peer = run(scenario())

    assert [n["kind"] for n in notices(typist.outputs)] == ["read_only"]
    assert pad_text(pad_id=room.shared.pk) == "x" * 420
    assert "a" in peer.client.content  # relayed before the lock refused it
    assert not typist.client.all_saved()
