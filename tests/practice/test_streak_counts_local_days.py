"""The streak counts the person's own calendar days with an attempt logged: today
counts once practised, the streak waits until the day is over, and a change of time
zone moves no day and counts none twice."""

import datetime as dt

import pytest

from practice.selectors.habit import habit_for, heatmap_for
from questions.models import AttemptOutcome
from questions.services import attempt_log
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def practise(user, at: dt.datetime):
    question = QuestionFactory()
    return attempt_log(
        user=user, question=question, outcome=AttemptOutcome.SOLVED, rating=3, now=at
    )


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_three_days_in_a_row_make_a_streak_of_three():
    ann = UserFactory(time_zone="UTC")
    for day in (2, 3, 4):
        practise(ann, utc(2026, 3, day, 12))

    habit = habit_for(user=ann, now=utc(2026, 3, 4, 20))

    assert habit.streak == 3
    assert habit.practised_today


def test_the_streak_waits_for_today_and_breaks_after_a_day_missed():
    ann = UserFactory(time_zone="UTC")
    for day in (2, 3):
        practise(ann, utc(2026, 3, day, 12))

    assert habit_for(user=ann, now=utc(2026, 3, 4, 23, 59)).streak == 2
    assert not habit_for(user=ann, now=utc(2026, 3, 4, 23, 59)).practised_today
    assert habit_for(user=ann, now=utc(2026, 3, 5, 0, 1)).streak == 0


def test_two_attempts_on_one_day_count_once():
    ann = UserFactory(time_zone="UTC")
    practise(ann, utc(2026, 3, 2, 8))
    practise(ann, utc(2026, 3, 2, 22))

    habit = habit_for(user=ann, now=utc(2026, 3, 2, 23))

    assert habit.streak == 1
    assert habit.week_days == 1


def test_days_are_the_persons_own_not_utc():
    # 23:30 in New York is already the next day in UTC: still one New York day.
    ann = UserFactory(time_zone="America/New_York")
    practise(ann, utc(2026, 3, 3, 4, 30))  # Mon 2 Mar, 23:30 in New York
    practise(ann, utc(2026, 3, 3, 14))  # Tue 3 Mar, 09:00 in New York

    habit = habit_for(user=ann, now=utc(2026, 3, 3, 15))

    assert habit.streak == 2
    assert heatmap_for(user=ann, now=utc(2026, 3, 3, 15)).counts == {
        dt.date(2026, 3, 2): 1,
        dt.date(2026, 3, 3): 1,
    }


def test_a_move_east_mid_day_does_not_count_the_day_twice():
    # Mon 23:00 in New York, then the person moves to Berlin, where it is Tuesday
    # 05:00 at once; practising there at 06:00 Tuesday is Tuesday: two days, not
    # three, and the Monday stays Monday.
    ann = UserFactory(time_zone="America/New_York")
    practise(ann, utc(2026, 3, 3, 4))  # Mon 2 Mar 23:00 New York
    ann.time_zone = "Europe/Berlin"
    ann.save(update_fields=["time_zone"])
    practise(ann, utc(2026, 3, 3, 5))  # Tue 3 Mar 06:00 Berlin

    habit = habit_for(user=ann, now=utc(2026, 3, 3, 6))

    assert habit.streak == 2
    assert habit.longest == 2
    assert set(heatmap_for(user=ann, now=utc(2026, 3, 3, 6)).counts) == {
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 3),
    }


def test_a_move_west_keeps_the_day_already_practised_as_today():
    # Tue 3 Mar 08:00 in Tokyo, then a move to New York, where it is still Monday
    # evening: the streak keeps its Tuesday, and practising again in New York that
    # evening (Monday there) adds no third day, nor a day in the past.
    ann = UserFactory(time_zone="Asia/Tokyo")
    practise(ann, utc(2026, 3, 1, 23))  # Mon 2 Mar 08:00 Tokyo
    practise(ann, utc(2026, 3, 2, 23))  # Tue 3 Mar 08:00 Tokyo
    ann.time_zone = "America/New_York"
    ann.save(update_fields=["time_zone"])
    now = utc(2026, 3, 2, 23, 30)  # Mon 2 Mar 18:30 in New York

    habit = habit_for(user=ann, now=now)
    assert habit.streak == 2
    assert habit.practised_today

    practise(ann, now)  # the log says Monday 2 March, New York's date
    habit = habit_for(user=ann, now=now)
    assert habit.streak == 2
    assert habit.longest == 2
    assert sum(heatmap_for(user=ann, now=now).counts.values()) == 3
    assert heatmap_for(user=ann, now=now).days == 2


def test_the_stored_day_is_kept_after_the_zone_changes():
    ann = UserFactory(time_zone="Pacific/Kiritimati")  # UTC+14
    attempt = practise(ann, utc(2026, 3, 2, 12))  # Tue 3 Mar 02:00 there
    ann.time_zone = "Pacific/Pago_Pago"  # UTC-11: Mon 2 Mar 01:00 there
    ann.save(update_fields=["time_zone"])

    attempt.refresh_from_db()
    assert attempt.day == dt.date(2026, 3, 3)
    assert heatmap_for(user=ann, now=utc(2026, 3, 5, 12)).counts == {
        dt.date(2026, 3, 3): 1
    }


def test_longest_streak_remembers_an_older_run():
    ann = UserFactory(time_zone="UTC")
    for day in (1, 2, 3, 4, 10, 11):
        practise(ann, utc(2026, 3, day, 12))

    habit = habit_for(user=ann, now=utc(2026, 3, 11, 13))

    assert (habit.streak, habit.longest) == (2, 4)


def test_another_persons_attempts_do_not_count():
    ann, bea = UserFactory(time_zone="UTC"), UserFactory(time_zone="UTC")
    practise(bea, utc(2026, 3, 2, 12))

    assert habit_for(user=ann, now=utc(2026, 3, 2, 13)).streak == 0
    assert heatmap_for(user=ann, now=utc(2026, 3, 2, 13)).days == 0
