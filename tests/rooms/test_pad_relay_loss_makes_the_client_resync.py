"""The channel layer delivers at most once: a relayed update that never reaches a
socket (an inbox over capacity, Redis restarting) is logged as a warning and
counted, and the socket has its client resync at once, not 15 s later. Nothing is
lost: the peer's pad ends as stored."""

import logging

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


@pytest.fixture
def room(transactional_db):
    return room_now()


# The test's sockets share a process: they relay through the (lossy) layer only
# when they do not relay to each other directly.
@override_settings(CHANNEL_LAYERS=LOSSY_LAYER, PAD_RELAY_IN_PROCESS=False)
def test_an_update_dropped_over_capacity_is_logged_and_the_watcher_resyncs(
    room, caplog
):
    OverCapacityForChosenUpdates.relayed = 0
    OverCapacityForChosenUpdates.lost = {2}
    losses_before = PadConsumer.relay_losses

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        watcher = await PadSocket(
            session_cookie(room.interviewer), room.shared.pk
        ).open()
        for character in "abc":
            await typist.type(len(typist.client.content), character)
            await typist.pump(seconds=0.1)
            await watcher.pump(seconds=0.1)
        seen_before_resync = watcher.client.content
        # The row after the lost one waits for it, then the watcher is told.
        await watcher.pump(seconds=1.5)
        # Its sync step 1 is answered with what it lacks.
        await watcher.pump()
        await typist.close()
        await watcher.close()
        return watcher, seen_before_resync

    with caplog.at_level(logging.WARNING):
        watcher, seen_before_resync = run(scenario())

    # "c" came but waits in the watcher's Yjs for the "b" it was typed after.
    assert seen_before_resync == "a"
    assert [n["kind"] for n in notices(watcher.outputs)] == ["resync"]
    assert watcher.client.resyncs == 1
    assert watcher.client.content == "abc" == pad_text(pad_id=room.shared.pk)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("over capacity" in w and "pad.update" in w for w in warnings)
    assert any("a relayed update was lost" in w for w in warnings)
    assert PadConsumer.relay_losses == losses_before + 1


# The test's sockets share a process: they relay through the (lossy) layer only
# when they do not relay to each other directly.
@override_settings(CHANNEL_LAYERS=LOSSY_LAYER, PAD_RELAY_IN_PROCESS=False)
def test_a_watcher_that_missed_nothing_is_never_told_to_resync(room):
    OverCapacityForChosenUpdates.relayed = 0
    OverCapacityForChosenUpdates.lost = set()

    async def scenario():
        typist = await PadSocket(session_cookie(room.candidate), room.shared.pk).open()
        watcher = await PadSocket(
            session_cookie(room.interviewer), room.shared.pk
        ).open()
        for character in "hello":
            await typist.type(len(typist.client.content), character)
        await typist.pump(seconds=0.2)
        await watcher.pump(seconds=1.5)
        await typist.close()
        await watcher.close()
        return watcher

    watcher = run(scenario())

    assert watcher.client.content == "hello"
    assert notices(watcher.outputs) == []
