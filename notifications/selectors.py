"""Reads of the outbox (what a drain may claim, what is in flight, what failed for
good, what is overdue) and of the bell."""

from datetime import datetime, timedelta

from django.db.models import Min, Q, QuerySet

from notifications.models import PENDING, Message, Notification
from users.models import User

# A claim reserves a row for this long before another drain may take it again (its
# worker died, or its send is stuck). Safety does not rest on it: a row being sent is
# locked, and a drop waits for it. It doubles with every try: the retry backoff.
CLAIM_LEASE = timedelta(seconds=30)
# After this many tries a row is given up on and shown on the outbox page.
MAX_ATTEMPTS = 5
# A message still unsent this long after it was due is overdue on the outbox page.
OVERDUE_AFTER = timedelta(minutes=2)


def lease_for(attempts: int) -> timedelta:
    return CLAIM_LEASE * 2 ** (min(max(attempts, 1), MAX_ATTEMPTS) - 1)


def _lease_lapsed(now: datetime) -> Q:
    lapsed = Q(claimed_at__isnull=True)
    for attempts in range(1, MAX_ATTEMPTS):
        lapsed |= Q(attempts=attempts, claimed_at__lte=now - lease_for(attempts))
    return lapsed | Q(
        attempts__gte=MAX_ATTEMPTS, claimed_at__lte=now - lease_for(MAX_ATTEMPTS)
    )


def messages_pending() -> QuerySet:
    """Neither sent, given up on nor dropped (the partial index message_pending_due)."""
    return Message.objects.filter(PENDING)


def messages_claimable(*, now: datetime) -> QuerySet:
    """Due rows nobody holds, with tries left: never claimed, or their claim's lease
    ran out."""
    return messages_pending().filter(
        _lease_lapsed(now), due_at__lte=now, attempts__lt=MAX_ATTEMPTS
    )


def messages_abandoned(*, now: datetime) -> QuerySet:
    """Rows whose last try never reported back: its worker died while sending."""
    return messages_pending().filter(
        _lease_lapsed(now), claimed_at__isnull=False, attempts__gte=MAX_ATTEMPTS
    )


def messages_claimable_count(*, now: datetime) -> int:
    return messages_claimable(now=now).count()


def messages_next_lapse(*, now: datetime) -> datetime | None:
    """When the earliest claim still held lapses: rows a dead worker left behind are
    taken again from then on."""
    held = (
        messages_pending()
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


def messages_about(*, topic: str) -> QuerySet:
    """The messages about `topic` and everything under it ("session:12" holds
    "session:12:reminder:...")."""
    return Message.objects.filter(Q(topic=topic) | Q(topic__startswith=f"{topic}:"))


def messages_failed(*, limit: int = 100) -> QuerySet:
    """Messages given up on after their last try, newest first (the outbox page)."""
    return Message.objects.filter(failed_at__isnull=False).order_by("-failed_at")[
        :limit
    ]


def messages_overdue(*, now: datetime, limit: int = 100) -> list[Message]:
    """Pending messages still unsent a while after they were due: the broker was
    down, or no worker runs. The sweep keeps trying them."""
    return list(
        messages_pending()
        .filter(due_at__lt=now - OVERDUE_AFTER)
        .order_by("-due_at")[:limit]
    )


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_list(*, user: User, limit: int = 100) -> QuerySet:
    return Notification.objects.filter(user=user).order_by("-created_at")[:limit]
