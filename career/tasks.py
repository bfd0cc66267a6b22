"""Celery tasks of career prep: they take nothing, may run twice, and leave every
decision to the rows (a reminder's topic is its outbox message's once-key)."""

from celery import shared_task
from django.utils import timezone

from career.services.brag import brag_reminders_send


@shared_task(ignore_result=True)
def career_brag_reminders_task() -> int:
    """Every few minutes from beat (settings.CELERY_BEAT_SCHEDULE)."""
    return brag_reminders_send(now=timezone.now())
