"""Building today's set and showing it read a fixed, small number of queries,
whatever the bank, the week's history or the number of target companies."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import DailySet, DailySetItem
from practice.services.today import daily_set_build
from questions.models import Difficulty
from questions.services.progress import attempt_log, progress_mark_for_review
from tests.practice.today_support import aim, asked
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
# Reads: settings and their companies, the day's set, due reviews, the week's
# history, what mocks and solo practice showed (one query each), the candidates;
# writes: the set and its items, with the transaction's savepoints.
BUILD_QUERIES = 14
# Session, user, settings, the set, its items, their questions, their
# practices, the bell.
PAGE_QUERIES = 8


@pytest.fixture
def history(alice):
    companies = [
        CompanyFactory(name=f"Company {n}", slug=f"company-{n}") for n in range(5)
    ]
    aim(alice, companies=companies, size=3)
    for number in range(30):
        asked(
            f"Question {number}",
            at=companies[number % 5],
            frequency=number,
            difficulty=Difficulty(1 + number % 3),
        )
    for number in range(5):
        attempt_log(
            user=alice,
            question=QuestionFactory(),
            outcome="not_solved",
            rating=None,
            now=NOW - dt.timedelta(days=number),
        )
    progress_mark_for_review(user=alice, question=QuestionFactory(), now=NOW)
    for days in range(1, 6):
        past = DailySet.objects.create(user=alice, day=NOW.date() - dt.timedelta(days))
        DailySetItem.objects.create(
            daily_set=past, position=1, question=QuestionFactory()
        )


def test_building_reads_a_few_queries(alice, history, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUILD_QUERIES):
        daily_set = daily_set_build(user=alice, size=3, now=NOW)

    reasons = [item.reason for item in daily_set.items.all()]
    assert reasons[0] == "due for review"
    assert "asked at Company" in reasons[1]


def test_building_again_the_same_day_reads_three(
    alice, history, django_assert_max_num_queries
):
    daily_set_build(user=alice, size=3, now=NOW)

    # The settings, their companies and the day's set.
    with django_assert_max_num_queries(3):
        daily_set_build(user=alice, size=3, now=NOW)


def test_the_page_reads_a_few_queries(
    client, alice, history, django_assert_max_num_queries
):
    daily_set_build(user=alice, size=3, now=timezone.now())
    client.force_login(alice)

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(reverse("practice-today"))

    assert response.status_code == 200
    assert len(response.context["today"].items) == 3
