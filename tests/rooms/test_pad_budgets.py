"""Each pad socket has a budget of messages and bytes, and each pad a size cap:
typing, pasting a page and an offline client's edits coming back pass untouched; a
flood is slowed (a "slow down" notice), then closed with 4429 if it goes on, and
the peer's pad stays whole; a full pad turns read-only with a message."""

import pytest
from django.test import override_settings
from pycrdt import Doc, Text, create_sync_message, write_var_uint

from rooms.models import Pad, PadUpdate
from rooms.services.pads import pad_text
from tests.rooms.asgi_sockets import (
    PadSocket,
    closes,
    notices,
    run,
    session_cookie,
)
from tests.rooms.room_support import room_now
from tests.rooms.yclient import SYNC_STEP2, is_sync_step

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


@pytest.fixture
def room(transactional_db):
    return room_now()


def test_typing_ten_characters_a_second_with_cursors_passes(room):
    cookie = session_cookie(room.candidate)
    line = "for i in range(n):\n"

    async def scenario():
        typist = await PadSocket(cookie, room.shared.pk).open()
        for number, character in enumerate(line * 2):
            await typist.type(len(typist.client.content), character)
            await typist.send(typist.client.awareness_message(number + 1, "{}"))
            await typist.pump(seconds=0.1)
        await typist.pump()
        await typist.close()
        return typist

    typist = run(scenario())

    assert notices(typist.outputs) == [] and closes(typist.outputs) == []
    assert typist.client.all_saved()
    assert pad_text(pad_id=room.shared.pk) == line * 2


def test_a_100_kb_paste_and_an_offline_batch_pass(room):
    cookie = session_cookie(room.interviewer)
    page = ("x = [i * i for i in range(100)]  # a long pasted line\n" * 2000)[:100_000]
    offline = Doc()
    offline_text = offline.get("pad", type=Text)
    for number in range(300):  # typed while offline: one batch when back
        offline_text.insert(len(offline_text), f"line {number}\n")

    async def scenario():
        paster = await PadSocket(cookie, room.notes.pk).open()
        await paster.type(0, page)
        await paster.pump()
        await paster.close()
        # Back online: the edits arrive as one sync step 2.
        returning = await PadSocket(cookie, room.shared.pk).open()
        batch = offline.get_update()
        await returning.send(
            bytes([0, SYNC_STEP2]) + write_var_uint(len(batch)) + batch
        )
        await returning.pump()
        await returning.close()
        return paster, returning

    paster, returning = run(scenario())

    assert notices(paster.outputs) == notices(returning.outputs) == []
    assert closes(paster.outputs) == closes(returning.outputs) == []
    assert pad_text(pad_id=room.notes.pk) == page
    assert pad_text(pad_id=room.shared.pk) == str(offline_text)


# A budget below what the slowest machine reads: the socket reads its next message
# once the last one is stored, so at 20 a second a busy machine read too slowly to
# ever be over budget, and the flood was never closed.
@override_settings(
    PAD_MESSAGES_PER_SECOND=5, PAD_MESSAGES_BURST=5, PAD_THROTTLE_MAX_SECONDS=1
)
def test_a_flood_is_slowed_then_closed_and_the_peer_keeps_a_whole_pad(room):
    cookies = session_cookie(room.candidate), session_cookie(room.interviewer)

    async def scenario():
        flooder = await PadSocket(cookies[0], room.shared.pk).open()
        peer = await PadSocket(cookies[1], room.shared.pk).open()
        for number in range(400):
            for message in flooder.client.type(len(flooder.client.content), "."):
                await flooder.send(message)
            if number == 5:
                await peer.type(0, "peer: ")
        # The close comes once the throttle's waits pass 1 s: on a busy machine,
        # later than a fixed pump.
        await flooder.pump_until(lambda got: bool(closes(got)), within=20)
        await peer.pump(seconds=1)
        # The peer goes on typing and syncing after the flood was closed.
        await peer.type(len(peer.client.content), " still here")
        await peer.pump()
        await peer.close()
        await flooder.close()
        return flooder, peer

    flooder, peer = run(scenario())

    kinds = [notice["kind"] for notice in notices(flooder.outputs)]
    # Slowed first ("slow down" at most every 5 s while it goes on), then closed.
    assert kinds[0] == "slow_down" and kinds[-1] == "flood"
    assert set(kinds[:-1]) == {"slow_down"}
    assert closes(flooder.outputs) == [4429]
    stored = pad_text(pad_id=room.shared.pk)
    assert peer.client.content == stored
    assert "peer: " in stored
    assert stored.endswith(" still here")
    # Slowed: far fewer than 400 stored in the second the flood was allowed, and
    # at least the burst.
    dots = stored.count(".")
    assert 5 <= dots < 400
    assert PadUpdate.objects.filter(pad=room.shared, author=room.candidate).count() == (
        dots
    )


# 650 KiB: three 200 KiB updates and their framing fit with room to spare, however
# fast they arrive; the fourth would wait 14 s.
@override_settings(PAD_BYTES_PER_MINUTE=650 * 1024, PAD_THROTTLE_MAX_SECONDS=2)
def test_big_updates_past_the_byte_budget_are_held_back_then_closed(room):
    cookie = session_cookie(room.candidate)
    chunk = "y" * (200 * 1024)

    async def scenario():
        sender = await PadSocket(cookie, room.shared.pk).open()
        for _ in range(10):
            await sender.type(len(sender.client.content), chunk)
        await sender.pump_until(lambda got: bool(closes(got)), within=20)
        await sender.close()
        return sender

    sender = run(scenario())

    # Three fit the minute's budget; the fourth would wait past patience.
    assert [n["kind"] for n in notices(sender.outputs)] == ["flood"]
    assert closes(sender.outputs) == [4429]
    size = Pad.objects.get(pk=room.shared.pk).log_bytes
    assert 3 * 200 * 1024 <= size < 4 * 200 * 1024


@override_settings(PAD_MAX_LOG_BYTES=2_000_000)
def test_a_full_pad_turns_read_only_with_a_message_and_still_reads(room):
    Pad.objects.filter(pk=room.shared.pk).update(log_bytes=2_000_000 - 10)
    cookie = session_cookie(room.candidate)

    async def scenario():
        writer = await PadSocket(cookie, room.shared.pk).open()
        await writer.type(0, "the line that fills it\n")
        await writer.type(0, "and one that does not fit\n")
        refused = await writer.pump_until(notices)
        await writer.send(create_sync_message(Doc()))
        answer = await writer.pump_until(
            lambda got: any(
                is_sync_step(o["bytes"], SYNC_STEP2) for o in got if o.get("bytes")
            )
        )
        await writer.close()
        return refused, answer

    refused, answer = run(scenario())

    assert notices(refused) == [
        {
            "kind": "read_only",
            "message": "This pad holds 2 MB of edits, the most one pad keeps: it "
            "is read-only now.",
        }
    ]
    assert closes(refused) == []
    assert any(is_sync_step(o["bytes"], SYNC_STEP2) for o in answer if o.get("bytes"))
    assert pad_text(pad_id=room.shared.pk) == "the line that fills it\n"
