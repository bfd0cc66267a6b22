"""Undo after a log: a stray key on the question page logs an attempt, and "Undo"
takes it back so completely that the progress, its FSRS card and the review queue are
exactly as before. Only once, only by the person who logged it, only for a moment."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from core.errors import ApplicationError
from questions.models import Attempt, Progress, ReviewRating
from questions.selectors.progress import due_queue
from questions.services import attempt_log, attempt_undo, progress_mark_for_review
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

PROGRESS_FIELDS = ("status", "marked_for_review", "card", "due_at", "last_attempt_at")


@pytest.fixture
def question():
    return QuestionFactory(title="Two sum", slug="two-sum")


def progress_state(user, question):
    return (
        Progress.objects.filter(user=user, question=question)
        .values(*PROGRESS_FIELDS)
        .first()
    )


def queue_state(user, now):
    queue = due_queue(user=user, now=now)
    return (
        [(item.question_id, item.due_at) for item in queue.due],
        queue.upcoming_count,
        queue.next_due_at,
    )


def test_undo_of_a_first_attempt_leaves_no_progress_and_no_attempt(alice, question):
    attempt = attempt_log(
        user=alice, question=question, outcome="solved", rating=ReviewRating.GOOD
    )
    assert Progress.objects.get().due_at is not None

    attempt_undo(user=alice, attempt_id=attempt.pk)

    assert not Attempt.objects.exists()
    assert not Progress.objects.exists()
    assert queue_state(alice, timezone.now()) == ([], 0, None)


def test_undo_puts_back_the_card_the_due_date_and_the_review_queue_exactly(
    alice, question
):
    start = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        attempt_log(
            user=alice,
            question=question,
            outcome="not_solved",
            rating=ReviewRating.HARD,
        )
    later = start + dt.timedelta(days=2)
    with time_machine.travel(later, tick=False):
        progress_mark_for_review(user=alice, question=question)
        before = progress_state(alice, question)
        queue_before = queue_state(alice, later)
        assert queue_before[0], "marked for review: due now"

        stray = attempt_log(
            user=alice, question=question, outcome="solved", rating=ReviewRating.EASY
        )
        assert progress_state(alice, question) != before
        assert queue_state(alice, later) != queue_before

        attempt_undo(user=alice, attempt_id=stray.pk)

        assert progress_state(alice, question) == before
        assert queue_state(alice, later) == queue_before
    assert list(Attempt.objects.values_list("outcome", flat=True)) == ["not_solved"]


def test_a_second_undo_is_refused_with_a_clear_message(alice, question):
    attempt = attempt_log(user=alice, question=question, outcome="solved", rating=3)
    attempt_undo(user=alice, attempt_id=attempt.pk)

    with pytest.raises(ApplicationError, match="already undone"):
        attempt_undo(user=alice, attempt_id=attempt.pk)


def test_someone_elses_undo_is_refused_and_changes_nothing(alice, bob, question):
    attempt = attempt_log(user=alice, question=question, outcome="solved", rating=3)
    before = progress_state(alice, question)

    with pytest.raises(ApplicationError, match="only undo your own attempts"):
        attempt_undo(user=bob, attempt_id=attempt.pk)

    assert Attempt.objects.filter(pk=attempt.pk).exists()
    assert progress_state(alice, question) == before


def test_undo_is_refused_once_the_moment_has_passed(alice, question):
    start = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        attempt = attempt_log(user=alice, question=question, outcome="solved", rating=3)

    with pytest.raises(ApplicationError, match="Too late to undo"):
        attempt_undo(
            user=alice, attempt_id=attempt.pk, now=start + dt.timedelta(minutes=2)
        )
    assert Attempt.objects.filter(pk=attempt.pk).exists()


def test_an_earlier_attempt_cannot_be_undone_over_a_later_one(alice, question):
    first = attempt_log(user=alice, question=question, outcome="solved", rating=3)
    attempt_log(user=alice, question=question, outcome="solved", rating=4)

    with pytest.raises(ApplicationError, match="undo that one first"):
        attempt_undo(user=alice, attempt_id=first.pk)
    assert Attempt.objects.count() == 2


def test_the_page_offers_undo_once_and_the_undo_button_restores_new(
    client, alice, question
):
    client.force_login(alice)

    page = client.post(
        "/questions/two-sum/progress/attempt/",
        {"outcome": "solved", "rating": "3"},
        follow=True,
    ).content.decode()
    assert 'data-testid="undo-toast"' in page
    attempt = Attempt.objects.get()
    assert (
        'data-testid="undo-toast"'
        not in client.get("/questions/two-sum/").content.decode()
    )

    page = client.post(
        "/questions/two-sum/progress/attempt/undo/",
        {"attempt": str(attempt.pk)},
        follow=True,
    ).content.decode()

    assert "Undone: the attempt is gone" in page
    assert 'data-testid="my-status">New<' in page
    assert not Progress.objects.exists()


def test_the_undo_page_shows_the_refusal_for_someone_elses_attempt(
    client, alice, bob, question
):
    attempt = attempt_log(user=alice, question=question, outcome="solved", rating=3)
    client.force_login(bob)

    page = client.post(
        "/questions/two-sum/progress/attempt/undo/",
        {"attempt": str(attempt.pk)},
        follow=True,
    ).content.decode()

    assert "You can only undo your own attempts." in page
    assert Attempt.objects.filter(pk=attempt.pk).exists()
