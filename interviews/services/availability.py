"""Publishing weekly availability, and booking a friend in one of its free slots.

Booking creates the session through the sessions service, so it follows the same rules
(e-mails, reminders, notifications) as any other session; the owner's published
availability is their consent, so the session is scheduled at once and the owner is
told it was booked, not asked.
"""

import secrets
from collections.abc import Iterable
from datetime import datetime, time
from typing import TypedDict

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import AvailabilitySlot, BookingLink, Format, MockSession
from interviews.selectors.availability import format_duration, slot_is_free
from interviews.services.session_rules import ensure_within_reach
from interviews.services.sessions import session_book
from users.models import User

# A window per weekday hour is already 168; 50 is plenty for a person and keeps the
# slot search cheap.
MAX_WINDOWS = 50
WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


class WindowInput(TypedDict):
    weekday: int
    start_time: time
    end_time: time


def _describe(window: WindowInput) -> str:
    return (
        f"{WEEKDAYS[window['weekday']]} {window['start_time']:%H:%M}–"
        f"{window['end_time']:%H:%M}"
    )


def _validate_window(window: WindowInput) -> None:
    weekday, start, end = window["weekday"], window["start_time"], window["end_time"]
    if isinstance(weekday, bool) or not isinstance(weekday, int):
        raise ApplicationError("The day must be a number from 0 (Monday) to 6.")
    if not 0 <= weekday <= 6:
        raise ApplicationError("The day must be a number from 0 (Monday) to 6.")
    if not isinstance(start, time) or not isinstance(end, time):
        raise ApplicationError("Each window needs a start and an end time.")
    if start.tzinfo or end.tzinfo:
        raise ApplicationError(
            "Give times without a zone: they are read in your own time zone."
        )
    if start.second or start.microsecond or end.second or end.microsecond:
        raise ApplicationError("Use whole minutes for the start and end times.")
    if end <= start:
        raise ApplicationError(
            f"{_describe(window)}: the end must come after the start on the same day."
        )


def _validate_windows(windows: list[WindowInput]) -> None:
    if len(windows) > MAX_WINDOWS:
        raise ApplicationError(
            f"Publish at most {MAX_WINDOWS} windows a week; join neighbouring ones."
        )
    for window in windows:
        _validate_window(window)
    ordered = sorted(
        windows,
        key=lambda each: (each["weekday"], each["start_time"], each["end_time"]),
    )
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        same_day = earlier["weekday"] == later["weekday"]
        if same_day and later["start_time"] < earlier["end_time"]:
            raise ApplicationError(
                f"{_describe(earlier)} overlaps {_describe(later)}. Join them into "
                "one window or move one."
            )


@transaction.atomic
def availability_set(
    *, user: User, slots: Iterable[WindowInput]
) -> list[AvailabilitySlot]:
    """Replace the person's weekly windows (times in their own zone) with these."""
    windows = list(slots)
    _validate_windows(windows)
    # Two saves at once would otherwise each delete, then both insert: overlaps.
    User.objects.select_for_update().filter(pk=user.pk).first()
    AvailabilitySlot.objects.filter(user=user).delete()
    if windows:
        # Published times are shared by a link: the owner has one from now on.
        booking_link_get_or_create(user=user)
    return AvailabilitySlot.objects.bulk_create(
        AvailabilitySlot(
            user=user,
            weekday=window["weekday"],
            start_time=window["start_time"],
            end_time=window["end_time"],
        )
        for window in sorted(
            windows, key=lambda each: (each["weekday"], each["start_time"])
        )
    )


def booking_link_get_or_create(*, user: User) -> BookingLink:
    link, _ = BookingLink.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(24)}
    )
    return link


@transaction.atomic
def booking_link_renew(*, user: User) -> BookingLink:
    """A new secret address; the old one stops working at once."""
    link = BookingLink.objects.select_for_update().filter(user=user).first()
    if link is None:
        return BookingLink.objects.create(user=user, token=secrets.token_urlsafe(24))
    link.token = secrets.token_urlsafe(24)
    link.save(update_fields=["token"])
    return link


@transaction.atomic
def slot_book(
    *,
    booker: User,
    owner: User,
    format: Format,
    starts_at: datetime,
    swap: bool = False,
) -> MockSession:
    """Book the owner at a free time of theirs: a scheduled session, both accepted."""
    if booker.pk == owner.pk:
        raise ApplicationError("You cannot book your own availability.")
    if format.is_loop:
        raise ApplicationError(
            "Book each round of a loop on its own, with the round's format.",
            field="format",
        )
    if timezone.is_naive(starts_at):
        raise ApplicationError("Give the start time with its time zone.")
    ensure_within_reach(starts_at)
    # Sessions start on whole minutes; check the time the session will really have.
    starts_at = starts_at.replace(second=0, microsecond=0)
    if starts_at <= timezone.now():
        raise ApplicationError("That time has passed. Pick a later slot.")
    # Both rows, in a fixed order so two bookings never wait on each other in a
    # circle; a second booking of the same time waits here, then sees the first.
    list(
        User.objects.select_for_update()
        .filter(pk__in=[booker.pk, owner.pk])
        .order_by("pk")
    )
    duration = format_duration(format=format, swap=swap)
    reason = slot_is_free(
        owner=owner, booker=booker, starts_at=starts_at, duration=duration
    )
    if reason:
        raise ApplicationError(reason)
    return session_book(
        booker=booker, owner=owner, format=format, starts_at=starts_at, swap=swap
    )
