"""The habit of one person, read in their own time zone: practice days, the streak,
the week against the goal, and the year's heatmap.

A practice day is a date on which the person logged an attempt (from a question's
page, the review queue or a solo practice), as their own calendar read it when they
logged it: `questions.Attempt.day`, kept as it was. Moving to another zone later
moves no day and adds none, so two attempts a zone change apart on the same date
count once, and a streak survives the move (docs/practice.md, "Habit")."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from practice.models import PracticeSettings
from questions.models import Attempt
from users.models import User

# The heatmap's year: this week and the 52 before it, Monday first.
HEATMAP_WEEKS = 53


def practice_day_counts(
    *, user: User, since: dt.date | None = None
) -> dict[dt.date, int]:
    """Attempts per practice day, oldest first."""
    attempts = Attempt.objects.filter(progress__user=user)
    if since is not None:
        attempts = attempts.filter(day__gte=since)
    rows = attempts.values("day").annotate(attempts=Count("pk")).order_by("day")
    return {row["day"]: row["attempts"] for row in rows}


def practice_today(*, user: User, now: dt.datetime, days=()) -> dt.date:
    """The person's today. A day already practised further east, before a move
    west, is never in their future: the calendar does not run behind it."""
    today = timezone.localdate(now, user.zone)
    latest = max(days, default=today)
    return max(today, latest)


def _run_back_from(day: dt.date, days: set[dt.date]) -> int:
    run = 0
    while day in days:
        run += 1
        day -= dt.timedelta(days=1)
    return run


def streak_current(*, days: set[dt.date], today: dt.date) -> int:
    """Consecutive practice days up to today, or up to yesterday while today is not
    practised yet (the streak is not lost before the day is over)."""
    if today in days:
        return _run_back_from(today, days)
    return _run_back_from(today - dt.timedelta(days=1), days)


def streak_longest(*, days: set[dt.date]) -> int:
    longest = run = 0
    previous = None
    for day in sorted(days):
        run = run + 1 if previous and day - previous == dt.timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return longest


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def practice_settings_or_defaults(*, user: User) -> PracticeSettings:
    """The person's settings, or the defaults (unsaved) until they save theirs."""
    found = PracticeSettings.objects.filter(user=user).first()
    return found or PracticeSettings(user=user)


@dataclass(frozen=True)
class Habit:
    today: dt.date
    practised_today: bool
    streak: int
    longest: int
    week_days: int  # days practised this week, Monday to today
    goal: int  # days a week the person aims for

    @property
    def goal_met(self) -> bool:
        return self.week_days >= self.goal

    @property
    def week_left(self) -> int:
        return max(self.goal - self.week_days, 0)


def habit_for(*, user: User, now: dt.datetime) -> Habit:
    """Streak, longest streak and this week against the goal."""
    days = set(practice_day_counts(user=user))
    today = practice_today(user=user, now=now, days=days)
    monday = week_start(today)
    return Habit(
        today=today,
        practised_today=today in days,
        streak=streak_current(days=days, today=today),
        longest=streak_longest(days=days),
        week_days=sum(1 for day in days if monday <= day <= today),
        goal=practice_settings_or_defaults(user=user).weekly_goal_days,
    )


@dataclass(frozen=True)
class HeatmapMonth:
    month: dt.date  # its first day
    days: int  # days practised
    attempts: int


@dataclass(frozen=True)
class Heatmap:
    first: dt.date  # a Monday
    today: dt.date
    counts: dict[dt.date, int]
    months: list[HeatmapMonth]  # newest first, every month of the span
    days: int
    attempts: int

    def as_data(self) -> dict:
        """What the chart script reads (json_script): one entry per practice day."""
        return {
            "first": self.first.isoformat(),
            "today": self.today.isoformat(),
            "days": [
                {"date": day.isoformat(), "attempts": count}
                for day, count in sorted(self.counts.items())
            ],
        }


def heatmap_for(*, user: User, now: dt.datetime) -> Heatmap:
    """The last HEATMAP_WEEKS weeks of practice days, and the same per month."""
    all_days = set(practice_day_counts(user=user))
    today = practice_today(user=user, now=now, days=all_days)
    first = week_start(today) - dt.timedelta(weeks=HEATMAP_WEEKS - 1)
    counts = practice_day_counts(user=user, since=first)
    counts = {day: n for day, n in counts.items() if day <= today}
    days_in: Counter = Counter()
    attempts_in: Counter = Counter()
    for day, count in counts.items():
        days_in[day.replace(day=1)] += 1
        attempts_in[day.replace(day=1)] += count
    months = []
    month = today.replace(day=1)
    while month >= first.replace(day=1):
        months.append(HeatmapMonth(month, days_in[month], attempts_in[month]))
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return Heatmap(
        first=first,
        today=today,
        counts=counts,
        months=months,
        days=len(counts),
        attempts=sum(counts.values()),
    )
