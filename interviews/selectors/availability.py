"""Weekly availability and the free slots a friend can book.

A weekly window is wall-clock time in its owner's zone (Monday 18:00–20:00 in Berlin),
so each date is turned into real instants on its own: the same window lands at a
different UTC hour on either side of a daylight-saving change. Local times that a change
skips or repeats follow RFC 5545 (and Python's ``fold=0``): a skipped time is read with
the offset from before the gap, a repeated time is its first occurrence.
"""

import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import (
    AvailabilitySlot,
    BookingLink,
    Format,
    Participant,
    ParticipantResponse,
    SessionStatus,
)
from interviews.permissions import knows_availability_of
from interviews.services.session_rules import MAX_DAYS_AHEAD
from users.models import User

Interval = tuple[datetime, datetime]

MAX_DAYS = 31
STEP_CHOICES = (15, 30, 60)


def user_zone(user: User) -> zoneinfo.ZoneInfo:
    return user.zone


def availability_of(*, user: User) -> QuerySet[AvailabilitySlot]:
    return AvailabilitySlot.objects.filter(user=user).order_by("weekday", "start_time")


def availability_windows(*, user: User) -> list[dict]:
    """The weekly windows as the edit form takes them."""
    return list(availability_of(user=user).values("weekday", "start_time", "end_time"))


def booking_link_of(*, user: User) -> BookingLink | None:
    """The person's booking link, while they have published windows."""
    if not availability_of(user=user).exists():
        return None
    return BookingLink.objects.filter(user=user).first()


def availability_owner_get(*, token: str) -> User:
    """The owner of a booking link, while they are active and have published at
    least one window. Any other address answers 404, as if nobody were there."""
    owner = (
        User.objects.filter(
            booking_link__token=token, is_active=True, availability__isnull=False
        )
        .distinct()
        .first()
    )
    if owner is None:
        raise Http404("Nobody has published availability at this address.")
    return owner


def booking_link_find(*, viewer: User, email: str) -> BookingLink | None:
    """The booking link of someone the viewer has had a session with, found by
    e-mail, while they have published windows; None for anyone else."""
    owner = (
        User.objects.filter(
            email__iexact=email.strip(), is_active=True, availability__isnull=False
        )
        .distinct()
        .first()
    )
    if owner is None or not knows_availability_of(viewer, owner):
        return None
    return booking_link_of(user=owner)


def bookable_formats(*, user: User) -> QuerySet[Format]:
    """Built-in formats and the person's own. A loop's rounds are booked one by one
    from the session pages, so loops are not offered here."""
    return (
        Format.objects.filter(Q(owner__isnull=True) | Q(owner=user), is_loop=False)
        .prefetch_related("segments")
        .order_by("name")
    )


def bookable_format_get(*, user: User, slug: str) -> Format:
    format_ = bookable_formats(user=user).filter(slug=slug).first()
    if format_ is None:
        raise ApplicationError(
            f"There is no format called “{slug}” that can be booked.", field="format"
        )
    return format_


def format_duration(*, format: Format, swap: bool) -> timedelta:
    # Swap mode holds the format twice: A interviews B, then B interviews A.
    minutes = format.total_minutes * (2 if swap else 1)
    return timedelta(minutes=minutes)


def _instant(day: date, at: time, zone: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def window_intervals(*, owner: User, start: datetime, end: datetime) -> list[Interval]:
    """The owner's windows as real instants overlapping [start, end), in UTC, sorted,
    with windows that touch merged so a session may run from one into the next."""
    zone = user_zone(owner)
    windows: dict[int, list[AvailabilitySlot]] = {}
    for window in availability_of(user=owner):
        windows.setdefault(window.weekday, []).append(window)
    # A day either side: the owner's dates straddle the viewer's by up to a day.
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    intervals: list[Interval] = []
    day = first
    while day <= last:
        for window in windows.get(day.weekday(), ()):
            begins = _instant(day, window.start_time, zone)
            ends = _instant(day, window.end_time, zone)
            if begins < ends and begins < end and ends > start:
                intervals.append((begins, ends))
        day += timedelta(days=1)
    return _merged(intervals)


def _merged(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for begins, ends in sorted(intervals):
        if merged and begins <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], ends))
        else:
            merged.append((begins, ends))
    return merged


def busy_intervals(
    *, users: Iterable[User], start: datetime, end: datetime
) -> list[Interval]:
    """Sessions, not cancelled, that any of the people agreed to and that overlap
    [start, end). An invitation not yet answered takes nobody's time."""
    sessions = (
        Participant.objects.filter(
            user__in=list(users),
            response=ParticipantResponse.ACCEPTED,
            session__starts_at__lt=end,
            session__ends_at__gt=start,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("session__starts_at", "session__ends_at")
        .distinct()
    )
    return _merged(sessions)


def _overlaps(begins: datetime, ends: datetime, busy: list[Interval]) -> bool:
    return any(
        other_begins < ends and begins < other_ends for other_begins, other_ends in busy
    )


def free_slots(
    *,
    owner: User,
    viewer: User,
    format: Format,
    start_date: date,
    days: int = 14,
    step_minutes: int = 30,
    swap: bool = False,
) -> list[datetime]:
    """Start times, in UTC, at which the viewer may book the owner for the format.

    The range is whole days in the viewer's zone from start_date. Slots start every
    step from each window's start, leave room for the whole format before the window
    ends, miss both people's sessions and lie in the future."""
    if not 1 <= days <= MAX_DAYS:
        raise ApplicationError(f"Ask for 1 to {MAX_DAYS} days.", field="days")
    if step_minutes not in STEP_CHOICES:
        raise ApplicationError("Slots are 15, 30 or 60 minutes apart.", field="step")
    viewer_zone = user_zone(viewer)
    now = timezone.now()
    # Bookings reach a year ahead: slots past that would only be refused.
    latest = now + timedelta(days=MAX_DAYS_AHEAD)
    today = timezone.localdate(now, viewer_zone)
    if not today - timedelta(days=1) <= start_date <= latest.date():
        raise ApplicationError(
            "Pick a first day between today and a year from now.", field="from"
        )
    start = _instant(start_date, time(0), viewer_zone)
    end = min(_instant(start_date + timedelta(days=days), time(0), viewer_zone), latest)
    duration = format_duration(format=format, swap=swap)
    step = timedelta(minutes=step_minutes)
    busy = busy_intervals(users={owner, viewer}, start=start, end=end + duration)
    slots: list[datetime] = []
    for begins, ends in window_intervals(owner=owner, start=start, end=end):
        slot = begins
        while slot + duration <= ends:
            in_range = start <= slot < end and now < slot
            if in_range and not _overlaps(slot, slot + duration, busy):
                slots.append(slot)
            slot += step
    return slots


def slots_by_day(
    *, slots: Iterable[datetime], zone: zoneinfo.ZoneInfo
) -> list[tuple[date, list[datetime]]]:
    """Slots grouped by the date they fall on in the given zone, in that zone."""
    days: dict[date, list[datetime]] = {}
    for slot in slots:
        local = slot.astimezone(zone)
        days.setdefault(local.date(), []).append(local)
    return sorted(days.items())


def slot_is_free(
    *, owner: User, booker: User, starts_at: datetime, duration: timedelta
) -> str:
    """Why the owner cannot be booked at that time, or "" when they can."""
    ends_at = starts_at + duration
    fits = any(
        begins <= starts_at and ends_at <= ends
        for begins, ends in window_intervals(owner=owner, start=starts_at, end=ends_at)
    )
    if not fits:
        return (
            f"{owner.name} is not available then for the whole "
            f"{int(duration.total_seconds() // 60)} minutes. Pick one of the free "
            "slots."
        )
    if busy_intervals(users=[owner], start=starts_at, end=ends_at):
        return f"{owner.name} already has a session at that time."
    if busy_intervals(users=[booker], start=starts_at, end=ends_at):
        return "You already have a session at that time."
    return ""
