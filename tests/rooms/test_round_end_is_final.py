"""Once a round is ended, nothing more happens in it: its clock, reveals, hints and
pad language are refused by the services with a message that says so, and nothing
of what was refused is stored. Through the room's socket the refusal is an error
frame, and the room's state stays as it was."""

import pytest

from core.errors import ApplicationError
from interviews.models import RoundQuestion
from rooms.models import GivenHint, RoomEvent
from rooms.services.pads import LANGUAGES
from rooms.services.room import (
    pad_language_choose,
    round_clock_command,
    round_question_hint_give,
    round_question_reveal,
)
from tests.questions.factories import QuestionFactory
from tests.rooms.asgi_sockets import app_socket, frames, run, session_cookie, texts
from tests.rooms.room_support import room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def ended_room():
    room = room_now()
    by = room.interviewer
    round_clock_command(round_id=room.round.pk, by=by, action="start", version=0)
    round_question_reveal(round_question=room.chosen, by=by)
    round_question_hint_give(round_question_id=room.chosen.pk, by=by, number=1)
    round_clock_command(round_id=room.round.pk, by=by, action="end", version=1)
    room.round.refresh_from_db()
    return room


def test_after_the_end_no_hint_reveal_clock_or_language_change_is_taken(
    transactional_db,
):
    room = ended_room()
    by = room.interviewer
    events_before = RoomEvent.objects.count()
    second = RoundQuestion.objects.create(
        round=room.round,
        segment=room.chosen.segment,
        position=1,
        question=QuestionFactory(title="Another"),
    )

    with pytest.raises(ApplicationError, match="ended: its hints can no longer"):
        round_question_hint_give(round_question_id=room.chosen.pk, by=by, number=2)
    with pytest.raises(ApplicationError, match="ended: its questions can no longer"):
        round_question_reveal(round_question=second, by=by)
    for action in ("resume", "add_time", "next_segment", "next_phase", "end"):
        with pytest.raises(ApplicationError, match="This round has ended"):
            round_clock_command(
                round_id=room.round.pk,
                by=by,
                action=action,
                version=room.round.clock_version,
                seconds=300,
            )
    language = next(name for name in LANGUAGES if name != room.shared.language)
    with pytest.raises(ApplicationError, match="language stays as it was"):
        pad_language_choose(pad_id=room.shared.pk, by=by, language=language)

    assert list(GivenHint.objects.values_list("number", flat=True)) == [1]
    second.refresh_from_db()
    assert second.revealed_at is None
    assert RoomEvent.objects.count() == events_before
    room.shared.refresh_from_db()
    assert room.shared.language != language


def test_the_room_socket_answers_a_late_hint_with_an_error_frame(transactional_db):
    room = ended_room()

    cookie = session_cookie(room.interviewer)

    async def scenario():
        socket = app_socket(cookie, f"/ws/sessions/{room.session.pk}/")
        await socket.connect()
        await frames(socket)
        await socket.send_json_to(
            {"type": "hint", "question": room.chosen.pk, "number": 2}
        )
        answer = await frames(socket)
        await socket.disconnect()
        return answer

    errors = [frame for frame in texts(run(scenario())) if frame["type"] == "error"]

    assert errors == [
        {
            "type": "error",
            "message": "This round has ended: its hints can no longer be given.",
        }
    ]
    assert not GivenHint.objects.filter(number=2).exists()
