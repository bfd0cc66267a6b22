"""Celery tasks of the outbox. They take ids or nothing, may run twice, and leave
every decision to the rows: a broker may deliver a task more than once, so it never
decides whether something was sent."""

from celery import shared_task
from django.utils import timezone

from notifications.services import message_send, messages_drain, messages_sweep


@shared_task(ignore_result=True)
def outbox_sweep_task() -> int:
    """Every minute from beat (settings.CELERY_BEAT_SCHEDULE): start drains for the
    due messages, including those whose task got lost. Harmless if two beats run:
    drains claim rows, never share them."""
    drains = messages_sweep(now=timezone.now())
    for _ in range(drains):
        outbox_drain_task.delay()
    return drains


@shared_task(ignore_result=True)
def outbox_drain_task() -> dict:
    report = messages_drain()
    if report.recheck_in is not None:
        # Short countdowns only: an ETA beyond the broker's visibility timeout makes
        # Redis deliver the task several times.
        outbox_sweep_task.apply_async(countdown=report.recheck_in)
    return dict(report.outcomes)


@shared_task(ignore_result=True)
def message_send_task(message_id: int) -> str:
    """One claimed message (a drain sends its batch itself; this is for whoever
    holds one id)."""
    return message_send(message_id=message_id)
