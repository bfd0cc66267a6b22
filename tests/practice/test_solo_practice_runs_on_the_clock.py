"""Practising alone: "Practise timed" opens a room for one with the question shown;
the clock's steps give the minutes planning and coding; nudges fall due at 25
minutes (no code yet), at the time box, and after 10 minutes of coding, and are kept
once; the answers open after the time box or on giving up, which marks the question
for re-review and keeps it out of the person's mocks; "I'm done" logs one attempt
that reviews the FSRS card. Nobody else sees any of it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from core.errors import ApplicationError
from interviews.models import MockSession, RoundQuestion
from interviews.selectors.formats import formats_for_user
from interviews.selectors.sessions import sessions_past, sessions_upcoming
from practice.models import AnswersOpened, NudgeName, PracticeNudge, SoloPractice
from practice.services.solo import (
    solo_answers_open,
    solo_nudge_log,
    solo_practice_finish,
    solo_practice_start,
)
from questions.models import Attempt, Progress
from questions.permissions import can_see_interviewer_fields
from questions.selectors.browse import question_ids_seen_by
from rooms.services.room import round_clock_command, round_question_hint_give
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

STARTS = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(STARTS, tick=False) as traveller:
        yield traveller


@pytest.fixture
def question(db):
    return QuestionFactory(title="Two sums", slug="two-sums")


@pytest.fixture
def practice(clock, alice, question):
    return solo_practice_start(user=alice, question=question)


def command(practice, action):
    round_ = practice.session.rounds.get()
    return round_clock_command(
        round_id=round_.pk,
        by=practice.user,
        action=action,
        version=round_.clock_version,
    )


def test_practise_timed_opens_a_room_for_one_with_the_question_shown(
    practice, alice, question
):
    session = practice.session
    assert session.is_solo
    assert list(session.participants.values_list("user", flat=True)) == [alice.pk]
    round_ = session.rounds.get()
    assert (round_.candidate, round_.interviewer) == (alice, None)
    chosen = RoundQuestion.objects.get(round=round_)
    assert chosen.question == question and chosen.revealed_at is not None
    # A double click goes back to the same room.
    assert solo_practice_start(user=alice, question=question) == practice
    # None of a mock's scheduling: not a session to list, nor a format to book.
    assert session not in sessions_upcoming(user=alice)
    assert session not in sessions_past(user=alice)
    assert not formats_for_user(user=alice).filter(is_solo=True).exists()


def test_minutes_planning_and_coding_come_from_the_clock(practice, clock, alice):
    command(practice, "start")
    clock.shift(timedelta(minutes=3))
    command(practice, "next_phase")  # plan
    clock.shift(timedelta(minutes=9))
    command(practice, "next_phase")  # code, at 12:00
    clock.shift(timedelta(minutes=7, seconds=40))
    command(practice, "next_phase")  # dry run, at 19:40

    attempt = solo_practice_finish(
        practice_id=practice.pk, user=alice, outcome="solved", rating=3
    )

    assert (attempt.minutes_planning, attempt.minutes_coding) == (12, 8)
    assert attempt.rating == 3
    progress = Progress.objects.get(user=alice, question=practice.question)
    assert progress.due_at > STARTS  # the card was reviewed
    practice.refresh_from_db()
    assert practice.attempt == attempt
    assert practice.session.rounds.get().ended_at is not None


def test_done_twice_logs_one_attempt_and_needs_a_rating(practice, alice):
    command(practice, "start")
    with pytest.raises(ApplicationError, match="Again, Hard, Good or Easy"):
        solo_practice_finish(
            practice_id=practice.pk, user=alice, outcome="solved", rating=None
        )
    assert not Attempt.objects.exists()
    first = solo_practice_finish(
        practice_id=practice.pk, user=alice, outcome="solved", rating=4
    )
    again = solo_practice_finish(
        practice_id=practice.pk, user=alice, outcome="not_solved", rating=1
    )
    assert first == again and Attempt.objects.count() == 1


def test_nudges_fall_due_on_the_clock_and_are_kept_once(practice, clock, alice):
    command(practice, "start")
    clock.shift(timedelta(minutes=24))
    with pytest.raises(ApplicationError, match="not due"):
        solo_nudge_log(practice_id=practice.pk, user=alice, name=NudgeName.FIRST_HINT)

    clock.shift(timedelta(minutes=1))
    first = solo_nudge_log(
        practice_id=practice.pk, user=alice, name=NudgeName.FIRST_HINT
    )
    assert first.elapsed == timedelta(minutes=25)
    clock.shift(timedelta(minutes=1))
    assert (
        solo_nudge_log(practice_id=practice.pk, user=alice, name=NudgeName.FIRST_HINT)
        == first
    )
    with pytest.raises(ApplicationError, match="not due"):
        solo_nudge_log(practice_id=practice.pk, user=alice, name=NudgeName.OUTLINE)
    clock.shift(timedelta(minutes=4))
    solo_nudge_log(practice_id=practice.pk, user=alice, name=NudgeName.OUTLINE)
    with pytest.raises(ApplicationError, match="no such nudge"):
        solo_nudge_log(practice_id=practice.pk, user=alice, name="<script>")
    assert PracticeNudge.objects.filter(practice=practice).count() == 2


def test_coding_past_ten_minutes_is_a_nudge(practice, clock, alice):
    command(practice, "start")
    command(practice, "next_phase")
    command(practice, "next_phase")  # code, at once
    clock.shift(timedelta(minutes=9, seconds=59))
    with pytest.raises(ApplicationError, match="not due"):
        solo_nudge_log(practice_id=practice.pk, user=alice, name=NudgeName.CODING_LONG)
    clock.shift(timedelta(seconds=1))
    solo_nudge_log(practice_id=practice.pk, user=alice, name=NudgeName.CODING_LONG)
    # Reaching "Code" early means the first hint is never offered.
    clock.shift(timedelta(minutes=20))
    with pytest.raises(ApplicationError, match="not due"):
        solo_nudge_log(practice_id=practice.pk, user=alice, name=NudgeName.FIRST_HINT)


def test_answers_stay_closed_before_the_time_box(practice, clock, alice, question):
    command(practice, "start")
    clock.shift(timedelta(minutes=20))
    for what in ("hint", "outline"):
        with pytest.raises(ApplicationError, match="open"):
            solo_answers_open(practice_id=practice.pk, user=alice, what=what)
    # Nor can the room's own hint command open them.
    chosen = RoundQuestion.objects.get(round__session=practice.session)
    with pytest.raises(ApplicationError, match="practice panel"):
        round_question_hint_give(round_question_id=chosen.pk, by=alice, number=1)
    assert not can_see_interviewer_fields(alice, question)
    assert question.pk not in question_ids_seen_by(candidate=alice)


def test_past_the_first_hint_and_the_time_box_the_answers_open(
    practice, clock, alice, question
):
    command(practice, "start")
    clock.shift(timedelta(minutes=25))
    solo_answers_open(practice_id=practice.pk, user=alice, what="hint")
    practice.refresh_from_db()
    assert practice.answers_opened_because == AnswersOpened.TIME_BOX
    assert practice.outline_opened_at is None
    chosen = RoundQuestion.objects.get(round__session=practice.session)
    assert list(chosen.given_hints.values_list("number", flat=True)) == [1]
    # Opened: seen (never drawn for Alice in a mock) and up for re-review.
    assert can_see_interviewer_fields(alice, question)
    assert question.pk in question_ids_seen_by(candidate=alice)
    progress = Progress.objects.get(user=alice, question=question)
    assert progress.marked_for_review and progress.due_at <= STARTS + timedelta(hours=1)

    with pytest.raises(ApplicationError, match="outline opens after 30"):
        solo_answers_open(practice_id=practice.pk, user=alice, what="outline")
    clock.shift(timedelta(minutes=5))
    solo_answers_open(practice_id=practice.pk, user=alice, what="outline")
    practice.refresh_from_db()
    assert practice.outline_opened_at is not None


def test_giving_up_opens_everything_at_once(practice, clock, alice):
    command(practice, "start")
    clock.shift(timedelta(minutes=2))
    solo_answers_open(practice_id=practice.pk, user=alice, what="give_up")
    practice.refresh_from_db()
    assert practice.answers_opened_because == AnswersOpened.GAVE_UP
    assert practice.outline_opened_at is not None
    solo_answers_open(practice_id=practice.pk, user=alice, what="hint")
    solo_answers_open(practice_id=practice.pk, user=alice, what="hint")
    with pytest.raises(ApplicationError, match="Every hint"):
        solo_answers_open(practice_id=practice.pk, user=alice, what="hint")


def test_a_practice_is_its_owners_alone(practice, client, bob):
    client.force_login(bob)
    session = practice.session
    for url in (
        f"/sessions/{session.pk}/room/",
        f"/practice/solo/{practice.pk}/",
        f"/sessions/{session.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    for action in ("nudges", "answers", "finish"):
        assert client.post(f"/practice/solo/{practice.pk}/{action}/").status_code == 404
    with pytest.raises(ApplicationError):
        solo_answers_open(practice_id=practice.pk, user=bob, what="give_up")
    assert SoloPractice.objects.get().answers_opened_at is None
    assert MockSession.objects.count() == 1
