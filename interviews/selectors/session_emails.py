"""Reads of the session e-mail outbox: what is overdue, for the staff's outbox page."""

from datetime import datetime, timedelta

from django.db.models import QuerySet

from interviews.models import SessionEmail

# A session e-mail still unsent this long after its change has missed its task; the
# sweep (services.emails.session_emails_to_retry) queues it again until it gives up.
OVERDUE_AFTER = timedelta(minutes=2)
GIVEN_UP_AFTER = timedelta(days=1)


def session_emails_unsent(*, now: datetime) -> QuerySet:
    """Neither sent nor superseded, and due to have gone by now."""
    return SessionEmail.objects.filter(
        sent_at__isnull=True,
        superseded_at__isnull=True,
        created_at__lt=now - OVERDUE_AFTER,
    )


def session_emails_retrying(*, now: datetime) -> QuerySet:
    """Overdue ones the sweep still queues again."""
    return session_emails_unsent(now=now).filter(created_at__gt=now - GIVEN_UP_AFTER)


def session_emails_overdue(*, now: datetime, limit: int) -> list[SessionEmail]:
    """The latest overdue e-mails, each marked `given_up` or not, newest first: an
    old e-mail given up on never hides one that is stuck now."""
    emails = list(
        session_emails_unsent(now=now)
        .select_related("session__format", "participant__user")
        .order_by("-created_at")[:limit]
    )
    for email in emails:
        email.given_up = email.created_at <= now - GIVEN_UP_AFTER
    return emails
