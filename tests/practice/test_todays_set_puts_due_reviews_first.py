"""Today's set starts with the reviews due by the end of the person's day, most
overdue first; the places left go to the most asked unsolved questions."""

import datetime as dt

import pytest

from practice.services.today import daily_set_build
from questions.models import Progress
from questions.services.progress import progress_mark_for_review
from tests.practice.today_support import aim, asked
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def items_of(daily_set):
    return [(item.question.title, item.reason) for item in daily_set.items.all()]


def test_due_reviews_come_first_most_overdue_first(alice):
    meta = CompanyFactory(name="Meta", slug="meta")
    aim(alice, companies=[meta], size=3)
    asked("Most asked", at=meta, frequency=99)
    later, earlier = (
        QuestionFactory(title="Due at noon"),
        QuestionFactory(title="Overdue since yesterday"),
    )
    progress_mark_for_review(user=alice, question=later, now=NOW)
    Progress.objects.filter(question=later).update(due_at=NOW + dt.timedelta(hours=3))
    progress_mark_for_review(
        user=alice, question=earlier, now=NOW - dt.timedelta(days=1)
    )

    daily_set = daily_set_build(user=alice, size=3, now=NOW)

    assert items_of(daily_set) == [
        ("Overdue since yesterday", "due for review"),
        ("Due at noon", "due for review"),
        ("Most asked", "asked at Meta in the last 6 months (frequency 99/100)"),
    ]


def test_a_review_due_tomorrow_waits_and_is_not_offered_as_new(alice):
    meta = CompanyFactory(name="Meta", slug="meta")
    aim(alice, companies=[meta])
    tomorrow = asked("Due tomorrow", at=meta, frequency=90)
    progress_mark_for_review(user=alice, question=tomorrow, now=NOW)
    Progress.objects.filter(question=tomorrow).update(due_at=NOW + dt.timedelta(days=1))
    asked("Second most asked", at=meta, frequency=80)
    asked("Third most asked", at=meta, frequency=70)

    daily_set = daily_set_build(user=alice, size=2, now=NOW)

    assert [title for title, _ in items_of(daily_set)] == [
        "Second most asked",
        "Third most asked",
    ]


def test_due_reviews_fill_the_whole_set_when_there_are_enough(alice):
    aim(alice, size=2)
    for hours in (1, 2, 3):
        question = QuestionFactory(title=f"Due {hours}")
        progress_mark_for_review(
            user=alice, question=question, now=NOW - dt.timedelta(hours=hours)
        )

    daily_set = daily_set_build(user=alice, size=2, now=NOW)

    assert items_of(daily_set) == [
        ("Due 3", "due for review"),
        ("Due 2", "due for review"),
    ]
