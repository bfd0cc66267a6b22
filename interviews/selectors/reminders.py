"""Reads of the reminder outbox: what the sweep may claim, what is in flight, what
failed for good."""

from datetime import datetime, timedelta

from django.db.models import Min, Q, QuerySet

from interviews.models import Reminder

# A claim reserves a row for this long before another sweep may take it again (its
# worker died, or its send is stuck). Safety does not rest on it: a row being sent is
# locked and skipped. It doubles with every try, which is the retry backoff.
CLAIM_LEASE = timedelta(seconds=30)
# After this many tries a row is given up on and shown on the outbox page.
MAX_ATTEMPTS = 5


def lease_for(attempts: int) -> timedelta:
    return CLAIM_LEASE * 2 ** (min(max(attempts, 1), MAX_ATTEMPTS) - 1)


def _lease_lapsed(now: datetime) -> Q:
    lapsed = Q(claimed_at__isnull=True)
    for attempts in range(1, MAX_ATTEMPTS):
        lapsed |= Q(attempts=attempts, claimed_at__lte=now - lease_for(attempts))
    return lapsed | Q(
        attempts__gte=MAX_ATTEMPTS, claimed_at__lte=now - lease_for(MAX_ATTEMPTS)
    )


def reminders_pending() -> QuerySet:
    """Neither sent nor given up on (the partial index reminder_pending_due)."""
    return Reminder.objects.filter(sent_at__isnull=True, failed_at__isnull=True)


def reminders_claimable(*, now: datetime) -> QuerySet:
    """Due rows nobody holds, with tries left: never claimed, or their claim's lease
    ran out."""
    return reminders_pending().filter(
        _lease_lapsed(now), due_at__lte=now, attempts__lt=MAX_ATTEMPTS
    )


def reminders_abandoned(*, now: datetime) -> QuerySet:
    """Rows whose last try never reported back: its worker died while sending."""
    return reminders_pending().filter(
        _lease_lapsed(now), claimed_at__isnull=False, attempts__gte=MAX_ATTEMPTS
    )


def reminders_claimable_count(*, now: datetime) -> int:
    return reminders_claimable(now=now).count()


def reminders_next_lapse(*, now: datetime) -> datetime | None:
    """When the earliest claim still held lapses: rows a dead worker left behind are
    taken again from then on."""
    held = (
        reminders_pending()
        .filter(due_at__lte=now, claimed_at__isnull=False)
        .exclude(_lease_lapsed(now))
    )
    earliest = None
    for attempts, claimed_at in (
        held.values("attempts")
        .annotate(first=Min("claimed_at"))
        .values_list("attempts", "first")
    ):
        lapse = claimed_at + lease_for(attempts)
        earliest = lapse if earliest is None else min(earliest, lapse)
    return earliest


def reminders_failed(*, limit: int = 100) -> QuerySet:
    """Reminders given up on after their last try, newest first (the outbox page)."""
    return (
        Reminder.objects.filter(failed_at__isnull=False)
        .select_related("session__format", "user")
        .order_by("-failed_at")[:limit]
    )
