"""Celery tasks of the feedback app: they take ids, may run twice, and leave every
decision to the notice rows."""

import smtplib

from celery import shared_task
from django.utils import timezone

from feedback.services.notices import (
    feedback_reminders_sweep,
    notice_send,
    notices_to_resend,
)


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def feedback_notice_send_task(notice_id: int) -> bool:
    return notice_send(notice_id=notice_id)


@shared_task(ignore_result=True)
def feedback_notices_sweep_task() -> int:
    """Every fifteen minutes from beat: reminders a day after each round, and the
    notices whose task got lost on the way."""
    now = timezone.now()
    queued = feedback_reminders_sweep(now=now)
    for pk in notices_to_resend(now=now):
        feedback_notice_send_task.delay(pk)
    return queued
