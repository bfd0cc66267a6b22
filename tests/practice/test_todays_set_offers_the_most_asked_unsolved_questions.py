"""Past due reviews, today's set takes the questions the person's target companies
asked most in the last six months, of the round kinds they target, leaving out what
they solved, what is on their review schedule and what they met in a mock; each
item says at which company and how often it was asked."""

import datetime as dt

import pytest

from practice.services.today import daily_set_build
from questions.models import Difficulty, Progress, ProgressStatus, RoundKind, Window
from tests.factories import round_using_question
from tests.practice.today_support import aim, asked
from tests.questions.factories import (
    CompanyFactory,
    CompanyTagFactory,
    QuestionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def titles(daily_set):
    return [item.question.title for item in daily_set.items.all()]


def test_the_most_asked_at_any_target_company_come_first(alice):
    meta, google, amazon = (
        CompanyFactory(name=name, slug=name.lower())
        for name in ("Meta", "Google", "Amazon")
    )
    aim(alice, companies=[meta, google], size=3)
    asked("Meta's top", at=meta, frequency=90)
    asked("Google's top", at=google, frequency=95)
    asked("Meta's second", at=meta, frequency=60)
    asked("Amazon's top", at=amazon, frequency=100)
    asked("Asked at Meta long ago", at=meta, frequency=99, window=Window.OLDER)

    daily_set = daily_set_build(user=alice, size=3, now=NOW)

    assert [(item.question.title, item.reason) for item in daily_set.items.all()] == [
        ("Google's top", "asked at Google in the last 6 months (frequency 95/100)"),
        ("Meta's top", "asked at Meta in the last 6 months (frequency 90/100)"),
        ("Meta's second", "asked at Meta in the last 6 months (frequency 60/100)"),
    ]


def test_a_question_asked_at_two_companies_is_given_once_with_the_most_asking(alice):
    meta, google = (
        CompanyFactory(name=name, slug=name.lower()) for name in ("Meta", "Google")
    )
    aim(alice, companies=[meta, google])
    both = asked("Asked at both", at=meta, frequency=40)
    asked("Other", at=meta, frequency=10)
    CompanyTagFactory(question=both, company=google, frequency=80)

    daily_set = daily_set_build(user=alice, size=2, now=NOW)

    assert [
        (item.question.title, item.reason[:16]) for item in daily_set.items.all()
    ] == [
        ("Asked at both", "asked at Google "),
        ("Other", "asked at Meta in"),
    ]


def test_only_the_target_kinds_and_nothing_solved_scheduled_or_met(alice, bob):
    meta = CompanyFactory(name="Meta", slug="meta")
    aim(alice, companies=[meta], kinds=[RoundKind.CODING])
    asked("Design a feed", at=meta, frequency=100, kind=RoundKind.SYSTEM_DESIGN)
    solved = asked("Solved", at=meta, frequency=99)
    Progress.objects.create(user=alice, question=solved, status=ProgressStatus.SOLVED)
    scheduled = asked("Scheduled", at=meta, frequency=98)
    Progress.objects.create(
        user=alice,
        question=scheduled,
        status=ProgressStatus.ATTEMPTED,
        due_at=NOW + dt.timedelta(days=4),
    )
    met = asked("Met in a mock", at=meta, frequency=97)
    round_using_question(interviewer=bob, candidate=alice, question=met, revealed=True)
    asked("Attempted, unscheduled", at=meta, frequency=50)
    asked("Fresh", at=meta, frequency=40, difficulty=Difficulty.EASY)

    daily_set = daily_set_build(user=alice, size=2, now=NOW)

    assert titles(daily_set) == ["Attempted, unscheduled", "Fresh"]


def test_without_target_companies_any_companys_most_asked(alice):
    aim(alice)
    asked("Top anywhere", at="Stripe", frequency=90)
    asked("Second anywhere", at="Uber", frequency=80)
    asked("Third", at="Lyft", frequency=70)

    assert titles(daily_set_build(user=alice, size=2, now=NOW)) == [
        "Top anywhere",
        "Second anywhere",
    ]


def test_a_small_bank_without_tags_still_gives_unsolved_questions(alice):
    aim(alice)
    QuestionFactory(title="Untagged one")
    QuestionFactory(title="Untagged two")

    daily_set = daily_set_build(user=alice, size=2, now=NOW)

    assert sorted(titles(daily_set)) == ["Untagged one", "Untagged two"]
    assert {item.reason for item in daily_set.items.all()} == {"not solved yet"}
