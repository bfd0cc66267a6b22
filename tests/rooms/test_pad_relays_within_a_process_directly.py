"""Two sockets of one pad in the same process relay to each other directly, not
through the channel layer: a keystroke reaches the peer even when the layer loses
it, and exactly once although the layer carries it too (for sockets elsewhere)."""

import pytest
from django.test import override_settings

from rooms.consumers import PadConsumer
from rooms.services.pads import pad_text
from tests.rooms.asgi_sockets import PadSocket, notices, run, session_cookie
from tests.rooms.lossy_layer import OverCapacityForChosenUpdates
from tests.rooms.room_support import room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]

LOSSY_LAYER = {
    "default": {
        "BACKEND": "tests.rooms.lossy_layer.OverCapacityForChosenUpdates",
        "CONFIG": {"capacity": 100},
    }
}


@pytest.fixture(autouse=True)
def no_catch_up_after_joining(monkeypatch):
    """These tests count what the relay delivers; the catch-up a socket sends a
    moment after joining would bring it again (tested on its own in
    test_pad_sends_a_late_joiner_what_was_stored_after_it_loaded.py)."""
    monkeypatch.setattr("rooms.consumers.JOIN_CATCH_UP_SECONDS", 3600)


def updates_received(socket) -> int:
    # y-websocket's sync message (0) of kind update (2).
    return sum(
        1 for output in socket.outputs if (output.get("bytes") or b"")[:2] == b"\0\2"
    )


@override_settings(CHANNEL_LAYERS=LOSSY_LAYER, PAD_RELAY_IN_PROCESS=True)
def test_a_keystroke_reaches_the_peer_here_once_whatever_the_layer_does():
    room = room_now()
    OverCapacityForChosenUpdates.relayed = 0
    # The layer loses every other update on its way.
    OverCapacityForChosenUpdates.lost = {1, 3, 5}
    losses_before = PadConsumer.relay_losses

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        watcher = await PadSocket(
            session_cookie(room.interviewer), room.shared.pk
        ).open()
        for character in "hello":
            await typist.type(len(typist.client.content), character)
            await typist.pump(seconds=0.05)
            await watcher.pump(seconds=0.05)
        seen_at_once = watcher.client.content
        await watcher.pump(seconds=1.5)
        await typist.close()
        await watcher.close()
        return watcher, seen_at_once

    watcher, seen_at_once = run(scenario())

    assert seen_at_once == "hello" == pad_text(pad_id=room.shared.pk)
    assert updates_received(watcher) == 5
    assert notices(watcher.outputs) == []
    assert PadConsumer.relay_losses == losses_before
