"""Celery tasks of the interviews app. They take ids, may run twice, and leave every
decision to the database rows: with the Redis broker a message can be delivered more
than once, so the broker never decides whether something was sent."""

import smtplib

from celery import shared_task
from django.utils import timezone

from interviews.services.emails import session_email_send, session_emails_to_retry
from interviews.services.reminders import reminders_send_due, reminders_sweep


@shared_task(ignore_result=True)
def reminders_sweep_task() -> int:
    """Every minute from beat (settings.CELERY_BEAT_SCHEDULE): start drains for the
    due reminders. Harmless if two beats run: drains claim rows, never share them."""
    drains = reminders_sweep(now=timezone.now())
    for _ in range(drains):
        reminders_drain_task.delay()
    return drains


@shared_task(ignore_result=True)
def reminders_drain_task() -> dict:
    report = reminders_send_due()
    if report.recheck_in is not None:
        # Short countdowns only: an ETA beyond the broker's visibility timeout makes
        # Redis deliver the task several times.
        reminders_sweep_task.apply_async(countdown=report.recheck_in)
    return dict(report.outcomes)


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def session_email_task(email_id: int) -> bool:
    return session_email_send(email_id=email_id)


@shared_task(ignore_result=True)
def session_emails_sweep_task() -> int:
    """Every five minutes from beat: queue again the session e-mails whose task got
    lost on the way."""
    ids = session_emails_to_retry(now=timezone.now())
    for pk in ids:
        session_email_task.delay(pk)
    return len(ids)
