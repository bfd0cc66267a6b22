"""Today's set evens out easy, medium and hard over the week: the questions of the
person's sets of the six days before and their attempts of the last seven days are
counted by difficulty (an unrated one as medium), and each place goes to the most
asked question of the difficulty the week has least of, saying so."""

import datetime as dt

import pytest

from practice.models import DailySet, DailySetItem
from practice.selectors.today import Asked, balance_picks
from practice.services.today import daily_set_build
from questions.models import Attempt, Difficulty
from questions.services.progress import attempt_log
from tests.practice.today_support import aim, asked
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
EASY, MEDIUM, HARD = Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD


@pytest.fixture
def meta(alice):
    meta = CompanyFactory(name="Meta", slug="meta")
    aim(alice, companies=[meta], size=3)
    # Most asked first: two mediums, then an easy, then a hard.
    asked("Medium A", at=meta, frequency=90, difficulty=MEDIUM)
    asked("Medium B", at=meta, frequency=80, difficulty=MEDIUM)
    asked("Easy A", at=meta, frequency=70, difficulty=EASY)
    asked("Hard A", at=meta, frequency=60, difficulty=HARD)
    return meta


def past_set(user, day, difficulties):
    daily_set = DailySet.objects.create(user=user, day=day)
    for position, level in enumerate(difficulties, start=1):
        DailySetItem.objects.create(
            daily_set=daily_set,
            position=position,
            question=QuestionFactory(difficulty=level),
        )


def levels(daily_set):
    return [item.question.difficulty for item in daily_set.items.all()]


def test_an_empty_week_gets_one_of_each(alice, meta):
    daily_set = daily_set_build(user=alice, size=3, now=NOW)

    assert levels(daily_set) == [MEDIUM, EASY, HARD]
    reasons = [item.reason for item in daily_set.items.all()]
    assert reasons[0].startswith("asked at Meta")
    assert reasons[1] == (
        "to balance difficulty (easy); "
        "asked at Meta in the last 6 months (frequency 70/100)"
    )
    assert reasons[2].startswith("to balance difficulty (hard); asked at Meta")


def test_a_week_of_mediums_and_easies_gets_the_hard_one_first(alice, meta):
    today = NOW.date()
    past_set(alice, today - dt.timedelta(days=1), [MEDIUM, MEDIUM])
    past_set(alice, today - dt.timedelta(days=6), [EASY, None])
    # Out of the week: a set of seven days ago does not count.
    past_set(alice, today - dt.timedelta(days=7), [HARD, HARD, HARD])

    daily_set = daily_set_build(user=alice, size=3, now=NOW)

    # Counted: 1 easy, 3 medium (the unrated one too), 0 hard.
    assert levels(daily_set) == [HARD, EASY, MEDIUM]


def test_attempts_of_the_week_count_too(alice, meta):
    for level in (HARD, HARD, EASY):
        attempt_log(
            user=alice,
            question=QuestionFactory(difficulty=level),
            outcome="not_solved",
            rating=None,
            now=NOW,
        )
    Attempt.objects.update(created_at=NOW - dt.timedelta(days=2))

    daily_set = daily_set_build(user=alice, size=2, now=NOW)

    assert levels(daily_set) == [MEDIUM, MEDIUM]


def test_when_the_wanted_difficulty_is_missing_the_most_asked_of_any_is_taken():
    candidates = [Asked(1, MEDIUM, 90, "Meta"), Asked(2, MEDIUM, 80, "Meta")]

    picks = balance_picks(candidates, tally={MEDIUM: 5}, places=2)

    assert [pick.question_id for pick in picks] == [1, 2]
    assert all(pick.reason.startswith("asked at Meta") for pick in picks)
