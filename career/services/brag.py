"""The brag document: dated entries of what a person did, its impact with numbers,
who saw it and links; and its weekly reminder, at the weekday and hour the person
picks, in their own time zone (opt-in)."""

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from career import events
from career.models import LINE_MAX, TEXT_MAX, BragEntry, BragSettings
from career.services.cleaning import clean_line, clean_links, clean_text
from core.errors import ApplicationError
from core.validators import is_ascii_number
from users.models import User

EARLIEST_DAY = dt.date(1970, 1, 1)


def _clean_day(day, *, user: User) -> dt.date:
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise ApplicationError(
                "Give the day as a date, such as 2026-03-14.", field="day"
            ) from None
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise ApplicationError("Give the day as a date.", field="day")
    today = timezone.localdate(timezone.now(), user.zone)
    if day > today:
        raise ApplicationError(
            "Write down what already happened: the day is in the future.", field="day"
        )
    if day < EARLIEST_DAY:
        raise ApplicationError("That day is too long ago.", field="day")
    return day


def _fields(*, user, day, what, impact, seen_by, links) -> dict:
    return {
        "day": _clean_day(day, user=user),
        "what": clean_text(what, field="what", limit=TEXT_MAX, required=True),
        "impact": clean_text(impact, field="impact", limit=TEXT_MAX),
        "seen_by": clean_line(seen_by, field="seen_by", limit=LINE_MAX),
        "links": clean_links(links),
    }


@transaction.atomic
def brag_entry_create(
    *,
    owner: User,
    day: dt.date | str,
    what: str,
    impact: str = "",
    seen_by: str = "",
    links: Iterable[str] | str | None = None,
) -> BragEntry:
    fields = _fields(
        user=owner, day=day, what=what, impact=impact, seen_by=seen_by, links=links
    )
    return BragEntry.objects.create(owner=owner, **fields)


@transaction.atomic
def brag_entry_update(
    *,
    entry: BragEntry,
    day: dt.date | str,
    what: str,
    impact: str = "",
    seen_by: str = "",
    links: Iterable[str] | str | None = None,
) -> BragEntry:
    fields = _fields(
        user=entry.owner,
        day=day,
        what=what,
        impact=impact,
        seen_by=seen_by,
        links=links,
    )
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save(update_fields=[*fields, "updated_at"])
    return entry


@transaction.atomic
def brag_entry_delete(*, entry: BragEntry) -> None:
    """The entry goes; stories started from it stay, unlinked."""
    entry.delete()


def _small_int(value, *, field: str, low: int, high: int, message: str) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not is_ascii_number(text):
        raise ApplicationError(message, field=field)
    number = int(text)
    if not low <= number <= high:
        raise ApplicationError(message, field=field)
    return number


@transaction.atomic
def brag_settings_save(
    *, user: User, reminder_on: bool, weekday: int | str, hour: int | str
) -> BragSettings:
    if not isinstance(reminder_on, bool):
        raise ApplicationError("Say yes or no to the reminder.", field="reminder_on")
    weekday = _small_int(
        weekday,
        field="weekday",
        low=0,
        high=6,
        message="Choose a day of the week (0 is Monday, 6 Sunday).",
    )
    hour = _small_int(
        hour, field="hour", low=0, high=23, message="Choose an hour from 0 to 23."
    )
    settings, _ = BragSettings.objects.select_for_update().get_or_create(user=user)
    settings.reminder_on, settings.weekday, settings.hour = reminder_on, weekday, hour
    settings.save()
    return settings


def brag_settings_of(user: User) -> BragSettings:
    return BragSettings.objects.filter(user=user).first() or BragSettings(user=user)


# The weekly reminder -----------------------------------------------------------


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def reminder_owed_week(
    *, time_zone: str, weekday: int, hour: int, now: dt.datetime
) -> tuple[str, dt.datetime] | None:
    """The ISO week whose reminder is owed now, and the end of that day; None when
    it is not the person's day, or not yet their hour. A day missed while nothing
    ran is not caught up: the next reminder is next week's."""
    local = now.astimezone(_zone(time_zone))
    if local.weekday() != weekday or local.hour < hour:
        return None
    year, week, _ = local.isocalendar()
    until = dt.datetime.combine(
        local.date() + dt.timedelta(days=1), dt.time.min, tzinfo=local.tzinfo
    )
    return f"{year}-W{week:02d}", until


@transaction.atomic
def brag_reminders_send(*, now: dt.datetime) -> int:
    """Beat's sweep: write this week's reminder for each person whose day and hour
    have come and who has none yet. The outbox's once-key (the topic) makes a
    second run, or a second worker, write nothing. Returns how many were written."""
    rows = BragSettings.objects.filter(
        reminder_on=True, user__is_active=True
    ).select_related("user")
    written = 0
    for settings in rows.iterator(chunk_size=2000):
        owed = reminder_owed_week(
            time_zone=settings.user.time_zone,
            weekday=settings.weekday,
            hour=settings.hour,
            now=now,
        )
        if owed is None:
            continue
        week, until = owed
        if events.brag_reminder_queue(
            user=settings.user, week=week, hour=settings.hour, until=until
        ):
            written += 1
    if written:
        events.brag_reminders_written()
    return written
