"""A pad takes edits from the room's opening until its round ended, plus a few
seconds for edits typed before the end and still in flight; before and after,
updates are refused with a notice that says why and are not stored, and the pad
still reads. Once the round ends, every open page of the pad is told at once that
it is read-only, and so is a page opened later."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from interviews.models import MockSession, Round
from rooms import events
from rooms.models import PadUpdate
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


def typed_in(room, pad_id, text: str) -> list[dict]:
    cookie = session_cookie(room.interviewer)

    async def scenario():
        writer = await PadSocket(cookie, pad_id).open()
        await writer.type(0, text)
        await writer.pump()
        await writer.close()
        return writer.outputs

    return run(scenario())


def end_round(room, ago: timedelta) -> None:
    ended = timezone.now() - ago
    Round.objects.filter(pk=room.round.pk).update(
        started_at=ended - timedelta(minutes=40), ended_at=ended
    )


def test_edits_in_flight_when_the_round_ends_are_stored_and_the_page_is_told(
    transactional_db,
):
    room = room_now()
    pad_id = room.shared.pk

    async def scenario():
        writer = await PadSocket(session_cookie(room.interviewer), pad_id).open()
        await database_sync_to_async(end_round)(room, timedelta(0))
        await database_sync_to_async(events.room_changed)(
            session_id=room.session.pk, what="clock"
        )
        # Typed before the page heard of the end, arriving just after it.
        await writer.type(0, "last words\n")
        await writer.pump()
        await writer.close()
        return writer.outputs

    outputs = run(scenario())

    assert notices(outputs) == [
        {
            "kind": "read_only",
            "message": "This round has ended: the pad is read-only now.",
        }
    ]
    assert closes(outputs) == []
    assert pad_text(pad_id=pad_id) == "last words\n"


@pytest.mark.parametrize("kind", ["shared", "notes"])
def test_a_pad_opened_after_its_round_ended_says_at_once_that_it_is_read_only(
    transactional_db, kind
):
    room = room_now()
    pad_id = getattr(room, kind).pk
    end_round(room, timedelta(minutes=1))

    async def scenario():
        reader = await PadSocket(session_cookie(room.interviewer), pad_id).open()
        await reader.pump()
        await reader.close()
        return reader.outputs

    assert notices(run(scenario())) == [
        {
            "kind": "read_only",
            "message": "This round has ended: the pad is read-only now.",
        }
    ]


@pytest.mark.parametrize("kind", ["shared", "notes"])
def test_after_the_grace_the_pads_of_an_ended_round_are_read_only(
    transactional_db, kind
):
    room = room_now()
    pad_id = getattr(room, kind).pk
    end_round(room, timedelta(seconds=10))

    outputs = typed_in(room, pad_id, "typed after the end\n")

    assert notices(outputs) == [
        {
            "kind": "read_only",
            "message": "This round has ended: the pad is read-only now.",
        }
    ]
    assert closes(outputs) == []
    assert not PadUpdate.objects.filter(pad_id=pad_id).exists()


def test_before_the_room_opens_the_pad_takes_no_edits(transactional_db):
    room = room_now(starts_in=timedelta(hours=3))
    pad_id = room.shared.pk

    outputs = typed_in(room, pad_id, "too early\n")

    assert notices(outputs) == [
        {
            "kind": "read_only",
            "message": "The pad opens with the room, 10 minutes before the start.",
        }
    ]
    assert not PadUpdate.objects.filter(pad_id=pad_id).exists()


def test_a_round_nobody_ended_closes_a_whole_slot_after_the_session(
    transactional_db,
):
    room = room_now()
    pad_id = room.shared.pk
    # The session was 45 minutes, three hours ago; a slot later is past too.
    started = timezone.now() - timedelta(hours=3)
    MockSession.objects.filter(pk=room.session.pk).update(
        starts_at=started, ends_at=started + timedelta(minutes=45)
    )

    outputs = typed_in(room, pad_id, "forgotten tab\n")

    assert [n["kind"] for n in notices(outputs)] == ["read_only"]
    assert not PadUpdate.objects.filter(pad_id=pad_id).exists()
