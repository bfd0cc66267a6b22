"""Reads of the session e-mail outbox: what is overdue, for the staff's outbox page."""

from datetime import datetime, timedelta

from django.db.models import QuerySet

from interviews.models import SessionEmail

# A session e-mail still unsent this long after its change has missed its task; the
# sweep (services.emails.session_emails_sweep) queues it again until it gives up.
OVERDUE_AFTER = timedelta(minutes=2)
GIVEN_UP_AFTER = timedelta(days=1)


def session_emails_overdue(*, now: datetime, limit: int) -> QuerySet:
    """Unsent and not superseded well after their change: stuck, or given up."""
    return (
        SessionEmail.objects.filter(
            sent_at__isnull=True,
            superseded_at__isnull=True,
            created_at__lt=now - OVERDUE_AFTER,
        )
        .select_related("session__format", "participant__user")
        .order_by("created_at")[:limit]
    )
