"""Celery tasks of the feedback app: they may run twice, and leave every decision to
the rows (a reminder is written once per round, reader and part)."""

from celery import shared_task
from django.utils import timezone

from feedback.services.notices import feedback_reminders_sweep


@shared_task(ignore_result=True)
def feedback_reminders_sweep_task() -> int:
    """Every fifteen minutes from beat: reminders a day after each round to whoever
    has not written their part. The outbox sends them."""
    return feedback_reminders_sweep(now=timezone.now())
