"""The week's practice against the goal: Monday to today on the person's calendar,
days not attempts, the goal from their settings (four days by default)."""

import datetime as dt

import pytest

from practice.selectors.habit import habit_for
from practice.services.settings import practice_settings_update
from questions.models import AttemptOutcome
from questions.services import attempt_log
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

MONDAY = dt.date(2026, 3, 2)


def practise(user, day: dt.date, hour: int = 12):
    attempt_log(
        user=user,
        question=QuestionFactory(),
        outcome=AttemptOutcome.SOLVED,
        rating=3,
        now=dt.datetime.combine(day, dt.time(hour), tzinfo=user.zone),
    )


def at(day: dt.date, user) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(21), tzinfo=user.zone)


def test_the_goal_is_four_days_until_the_person_sets_it():
    ann = UserFactory()
    habit = habit_for(user=ann, now=at(MONDAY, ann))
    assert (habit.week_days, habit.goal, habit.goal_met) == (0, 4, False)
    assert habit.week_left == 4


def test_days_this_week_count_towards_the_goal_and_last_week_does_not():
    ann = UserFactory(time_zone="Europe/Berlin")
    practise(ann, MONDAY - dt.timedelta(days=1))  # last Sunday
    for offset in (0, 0, 2):  # Monday twice, Wednesday
        practise(ann, MONDAY + dt.timedelta(days=offset))

    habit = habit_for(user=ann, now=at(MONDAY + dt.timedelta(days=3), ann))

    assert habit.week_days == 2
    assert habit.week_left == 2


def test_meeting_a_goal_of_two():
    ann = UserFactory()
    practice_settings_update(
        user=ann,
        target_company_ids=[],
        target_kinds=[],
        set_size=2,
        weekly_goal_days=2,
        digest_hour=None,
    )
    practise(ann, MONDAY)
    practise(ann, MONDAY + dt.timedelta(days=1))

    habit = habit_for(user=ann, now=at(MONDAY + dt.timedelta(days=1), ann))

    assert habit.goal_met
    assert habit.week_left == 0


def test_a_new_week_starts_on_the_persons_monday():
    # Sunday 23:30 in Tokyo is Sunday afternoon in UTC; Monday 00:30 in Tokyo is
    # a new week there, whatever UTC says.
    ann = UserFactory(time_zone="Asia/Tokyo")
    practise(ann, MONDAY - dt.timedelta(days=1), hour=23)

    monday_early = dt.datetime.combine(MONDAY, dt.time(0, 30), tzinfo=ann.zone)
    habit = habit_for(user=ann, now=monday_early)

    assert habit.week_days == 0
    assert habit.streak == 1


def test_the_home_page_shows_the_streak_and_the_week(client):
    ann = UserFactory()
    practise(ann, dt.date.today() - dt.timedelta(days=1))
    client.force_login(ann)

    page = client.get("/").content.decode()

    assert 'data-testid="streak"' in page
    assert "<strong>1</strong> day in a row" in page
    assert "practise today to keep it" in page
    assert "of 4</strong> days" in page
