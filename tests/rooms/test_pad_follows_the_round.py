"""A pad takes edits from the room's opening until its round ended, plus a minute
for edits in flight; before and after, updates are refused with a notice that says
why and are not stored, and the pad still reads. The replay of a round stays what
it was when the round ended."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import MockSession, Round
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


def test_a_round_ended_half_a_minute_ago_still_takes_edits_in_flight(transactional_db):
    room = room_now()
    pad_id = room.shared.pk
    end_round(room, timedelta(seconds=30))

    outputs = typed_in(room, pad_id, "last words\n")

    assert notices(outputs) == [] and closes(outputs) == []
    assert pad_text(pad_id=pad_id) == "last words\n"


@pytest.mark.parametrize("kind", ["shared", "notes"])
def test_after_the_grace_the_pads_of_an_ended_round_are_read_only(
    transactional_db, kind
):
    room = room_now()
    pad_id = getattr(room, kind).pk
    end_round(room, timedelta(minutes=2))

    outputs = typed_in(room, pad_id, "typed an hour later\n")

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
