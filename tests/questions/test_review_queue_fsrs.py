"""The review queue: a rated attempt schedules the question with FSRS, and it shows on
"Due today" when its day comes, in the reader's own time zone."""

import datetime as dt

import pytest
import time_machine
from fsrs import Card, State

from questions.models import AttemptOutcome, Progress, ReviewRating
from questions.selectors.progress import due_queue
from questions.services import attempt_log, progress_mark_for_review
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db

MONDAY_9AM = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def due_titles(client) -> str:
    return client.get("/questions/due/").content.decode()


def rate(user, question, rating, *, outcome=AttemptOutcome.SOLVED):
    return attempt_log(user=user, question=question, outcome=outcome, rating=rating)


def test_a_new_user_marks_rates_and_finds_the_question_due_when_its_day_comes(client):
    erin = UserFactory(email="erin@example.com", time_zone="UTC")
    question = QuestionFactory(title="Merge intervals", slug="merge-intervals")
    client.force_login(erin)

    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        page = client.get("/questions/merge-intervals/")
        assert page.status_code == 200
        assert "Mark for re-review" in page.content.decode()

        client.post("/questions/merge-intervals/progress/mark/", {"marked": "1"})
        assert "Merge intervals" in due_titles(client)

        response = client.post(
            "/questions/merge-intervals/progress/attempt/",
            {
                "minutes_planning": "6",
                "minutes_coding": "14",
                "outcome": "solved",
                "note": "Sort by start first.",
                "rating": str(ReviewRating.GOOD),
            },
        )
        assert response.status_code == 302
        assert response["Location"] == "/questions/merge-intervals/"
        due_at = Progress.objects.get(user=erin, question=question).due_at
        assert due_at > MONDAY_9AM + dt.timedelta(days=1)
        assert "Merge intervals" not in due_titles(client)

        traveller.move_to(due_at + dt.timedelta(minutes=1))
        page = due_titles(client)
        assert "Merge intervals" in page
        assert 'href="/questions/merge-intervals/"' in page


def test_again_brings_a_question_back_sooner_than_easy(alice):
    forgotten = QuestionFactory(title="Forgotten")
    mastered = QuestionFactory(title="Mastered")

    with time_machine.travel(MONDAY_9AM, tick=False):
        again = rate(alice, forgotten, ReviewRating.AGAIN).progress.due_at
        easy = rate(alice, mastered, ReviewRating.EASY).progress.due_at

    assert again == MONDAY_9AM + dt.timedelta(days=1)
    assert easy >= again + dt.timedelta(days=3)


def test_a_failed_question_is_due_tomorrow_and_not_before(alice):
    question = QuestionFactory(title="Trapping rain water")

    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        rate(alice, question, ReviewRating.AGAIN, outcome=AttemptOutcome.NOT_SOLVED)
        assert due_queue(user=alice, now=MONDAY_9AM).due == []

        traveller.move_to(MONDAY_9AM + dt.timedelta(hours=16))
        queue = due_queue(user=alice, now=dt.datetime.now(dt.UTC))
        assert [progress.question for progress in queue.due] == [question]


def test_the_card_state_is_kept_and_grows_with_each_good_review(alice):
    question = QuestionFactory()

    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        first = rate(alice, question, ReviewRating.GOOD).progress
        card = Card.from_dict(first.card)
        assert card.state == State.Review
        assert card.due == first.due_at
        first_interval = first.due_at - MONDAY_9AM

        traveller.move_to(first.due_at)
        second = rate(alice, question, ReviewRating.GOOD).progress
        assert second.due_at - first.due_at > first_interval
        assert second.attempts.count() == 2


def test_an_attempt_without_a_rating_leaves_the_schedule_alone(alice):
    question = QuestionFactory()

    with time_machine.travel(MONDAY_9AM, tick=False):
        scheduled = rate(alice, question, ReviewRating.GOOD).progress.due_at
        progress = attempt_log(
            user=alice, question=question, outcome=AttemptOutcome.SOLVED, rating=None
        ).progress

    assert progress.due_at == scheduled


def test_due_today_runs_to_the_end_of_my_own_day(alice):
    # 23:30 in Tokyo on Monday is 14:30 UTC; a card due at 20:00 UTC is due on
    # Tuesday morning there, so not "today" yet.
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    question = QuestionFactory()
    progress = Progress.objects.create(
        user=alice,
        question=question,
        due_at=dt.datetime(2026, 3, 2, 20, 0, tzinfo=dt.UTC),
    )
    tokyo_monday_night = dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.UTC)

    queue = due_queue(user=alice, now=tokyo_monday_night)

    assert queue.due == []
    assert queue.upcoming_count == 1
    assert queue.next_due_at == progress.due_at
    tokyo_tuesday_1am = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)
    assert due_queue(user=alice, now=tokyo_tuesday_1am).due == [progress]


def test_marking_for_review_brings_a_scheduled_question_forward_and_unmarking_restores(
    alice,
):
    question = QuestionFactory()
    with time_machine.travel(MONDAY_9AM, tick=False):
        scheduled = rate(alice, question, ReviewRating.EASY).progress.due_at

        marked = progress_mark_for_review(user=alice, question=question)
        assert marked.due_at == MONDAY_9AM
        assert due_queue(user=alice, now=MONDAY_9AM).due == [marked]

        unmarked = progress_mark_for_review(user=alice, question=question, marked=False)
        assert unmarked.due_at == scheduled


def test_the_due_page_shows_only_my_questions_and_counts_the_upcoming(
    client, alice, bob
):
    mine = QuestionFactory(title="Mine to review")
    later = QuestionFactory(title="Mine for later")
    theirs = QuestionFactory(title="Bob's to review")
    with time_machine.travel(MONDAY_9AM, tick=False):
        progress_mark_for_review(user=alice, question=mine)
        rate(alice, later, ReviewRating.EASY)
        progress_mark_for_review(user=bob, question=theirs)
        client.force_login(alice)

        page = client.get("/questions/due/").content.decode()

    assert "Mine to review" in page
    assert "Mine for later" not in page
    assert "Bob&#x27;s to review" not in page and "Bob's to review" not in page
    assert "1 more scheduled later" in page


def test_the_due_api_answers_my_queue(client, alice):
    question = QuestionFactory(slug="lru-cache")
    with time_machine.travel(MONDAY_9AM, tick=False):
        progress_mark_for_review(user=alice, question=question)
        client.force_login(alice)

        body = client.get("/api/progress/due/").json()

    assert [item["question"] for item in body["due"]] == ["lru-cache"]
    assert body["upcoming_count"] == 0
