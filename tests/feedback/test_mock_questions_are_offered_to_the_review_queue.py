"""After a mock round, the feedback page offers its candidate the round's questions
where a hint was given, where the part's time ran over, or whose scorecard rated
problem solving 2/4 or lower (that one only once the blind rule lets them read the
scorecard), each with its reasons. One click adds one, another adds all; adding
again changes nothing; only the round's candidate may, once the round is over, and
never for a solo session."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.selectors.review_offers import review_offers_for
from interviews.models import Round, RoundQuestion
from practice.services.solo import solo_practice_start
from questions.models import Progress
from questions.selectors.progress import due_queue
from rooms.models import GivenHint, RoomEvent, RoomEventKind
from tests.factories import UserFactory
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

HINTED = "Merge overlapping bookings"
PLAIN = "Two sum"
KEPT_BACK = "Secret heap puzzle"


def event(round_, kind, minutes, **data):
    RoomEvent.objects.create(
        round=round_,
        kind=kind,
        at=round_.started_at + dt.timedelta(minutes=minutes + 1),
        elapsed=dt.timedelta(minutes=minutes),
        data=data,
    )


def mock(alice, bob, *, coding_minutes=30):
    """Alice interviewed Bob on the phone screen (5 min intro, 35 min coding, 5 min
    questions): two questions revealed, the first with hint 1 at 12:40, a third
    kept back; the coding part took `coding_minutes`, with 2 minutes added."""
    round_ = rounds_of(finished_session(host=alice, partner=bob, swap=False))[0]
    coding = round_.session.format.segments.get(kind="coding")
    hinted, plain, kept_back = (
        RoundQuestion.objects.create(
            round=round_,
            segment=coding,
            position=position,
            question=QuestionFactory(title=title),
            revealed_at=None if title == KEPT_BACK else round_.started_at,
        )
        for position, title in enumerate([HINTED, PLAIN, KEPT_BACK])
    )
    GivenHint.objects.create(
        round_question=hinted, number=1, given_at=round_.started_at
    )
    event(round_, RoomEventKind.HINT, 12 + 40 / 60, round_question=hinted.pk, number=1)
    event(round_, RoomEventKind.START, 0)
    event(round_, RoomEventKind.SEGMENT, 5, segment=1)
    event(round_, RoomEventKind.ADD_TIME, 20, seconds=120)
    event(round_, RoomEventKind.SEGMENT, 5 + coding_minutes, segment=2)
    event(round_, RoomEventKind.END, 5 + coding_minutes + 3)
    return round_


def offers(bob, round_):
    return {
        offer.question.title: (offer.reasons, offer.queued)
        for offer in review_offers_for(user=bob, round_=round_)
    }


def test_a_hinted_question_is_offered_with_its_hint_and_moment(alice, bob):
    round_ = mock(alice, bob)

    assert offers(bob, round_) == {HINTED: (["hint 1 given at 12:40"], False)}


def test_questions_of_a_part_that_ran_over_are_offered(alice, bob):
    round_ = mock(alice, bob, coding_minutes=40)

    assert offers(bob, round_) == {
        HINTED: (["hint 1 given at 12:40", "time ran over (40 of 37 minutes)"], False),
        PLAIN: (["time ran over (40 of 37 minutes)"], False),
    }


def test_a_low_problem_solving_rating_shows_once_the_scorecard_may_be_read(alice, bob):
    round_ = mock(alice, bob)
    write_scorecard(round_, {"approach": 2})
    assert offers(bob, round_) == {HINTED: (["hint 1 given at 12:40"], False)}

    write_self_assessment(round_, 3)

    assert offers(bob, round_) == {
        HINTED: (["hint 1 given at 12:40", "problem solving rated 2/4"], False),
        PLAIN: (["problem solving rated 2/4"], False),
    }


def test_a_rating_above_the_bar_offers_nothing_more(alice, bob):
    round_ = mock(alice, bob)
    write_scorecard(round_, {"approach": 3})
    write_self_assessment(round_, 3, skipped=True)

    assert list(offers(bob, round_)) == [HINTED]


def test_the_feedback_page_offers_them_to_the_candidate_only(client, alice, bob):
    round_ = mock(alice, bob)
    url = reverse("feedback-round", args=[round_.pk])

    client.force_login(bob)
    text = client.get(url).content.decode()
    assert 'data-testid="review-offers"' in text
    assert "Hint 1 given at 12:40" in text
    assert KEPT_BACK not in text

    client.force_login(alice)
    assert 'data-testid="review-offers"' not in client.get(url).content.decode()


def test_one_click_adds_it_to_the_review_queue_and_a_second_changes_nothing(
    client, alice, bob
):
    round_ = mock(alice, bob, coding_minutes=40)
    hinted = RoundQuestion.objects.get(question__title=HINTED).question
    client.force_login(bob)
    url = reverse("feedback-review-offer", args=[round_.pk])

    response = client.post(url, {"question": hinted.pk})

    assert response.status_code == 302
    assert [
        each.question.title for each in due_queue(user=bob, now=timezone.now()).due
    ] == [HINTED]
    due_at = Progress.objects.get(user=bob).due_at
    assert offers(bob, round_)[HINTED][1] is True
    page = client.get(reverse("feedback-round", args=[round_.pk])).content.decode()
    assert "In your review queue" in page

    client.post(url, {"question": hinted.pk})
    assert Progress.objects.get(user=bob).due_at == due_at


def test_add_all_queues_every_offered_question(client, alice, bob):
    round_ = mock(alice, bob, coding_minutes=40)
    client.force_login(bob)
    url = reverse("feedback-review-offer", args=[round_.pk])

    client.post(url, {"all": "1"})
    client.post(url, {"all": "1"})

    queued = Progress.objects.filter(user=bob, marked_for_review=True)
    assert sorted(queued.values_list("question__title", flat=True)) == [HINTED, PLAIN]


def test_nobody_else_may_add_and_nothing_outside_the_offers(client, alice, bob):
    round_ = mock(alice, bob)
    url = reverse("feedback-review-offer", args=[round_.pk])
    hinted, plain, kept_back = (
        RoundQuestion.objects.get(question__title=title).question
        for title in (HINTED, PLAIN, KEPT_BACK)
    )

    for person in (alice, UserFactory()):
        client.force_login(person)
        assert client.post(url, {"question": hinted.pk}).status_code == 404
        assert client.post(url, {"all": "1"}).status_code == 404
    client.force_login(bob)
    for question in (plain, kept_back):
        assert client.post(url, {"question": question.pk}).status_code == 404
    assert not Progress.objects.exists()


def test_nothing_is_offered_before_the_round_is_over(client, alice, bob):
    round_ = mock(alice, bob)
    Round.objects.filter(pk=round_.pk).update(ended_at=None)
    round_.session.__class__.objects.filter(pk=round_.session_id).update(
        ends_at=timezone.now() + dt.timedelta(hours=1)
    )
    round_.refresh_from_db()

    assert review_offers_for(user=bob, round_=round_) == []
    client.force_login(bob)
    url = reverse("feedback-review-offer", args=[round_.pk])
    assert client.post(url, {"all": "1"}).status_code == 404


def test_a_solo_session_is_not_a_mock(client, bob):
    question = QuestionFactory(title=HINTED)
    practice = solo_practice_start(user=bob, question=question)
    round_ = practice.session.rounds.get()
    GivenHint.objects.create(
        round_question=round_.questions.get(), number=1, given_at=timezone.now()
    )
    Round.objects.filter(pk=round_.pk).update(
        started_at=timezone.now(), ended_at=timezone.now()
    )
    round_.refresh_from_db()

    assert review_offers_for(user=bob, round_=round_) == []
    client.force_login(bob)
    url = reverse("feedback-review-offer", args=[round_.pk])
    assert client.post(url, {"question": question.pk}).status_code == 404
