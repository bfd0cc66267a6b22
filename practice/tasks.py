"""Celery tasks of the practice app. They take ids or nothing, may run twice, and
leave every decision to the rows: a digest is written once per person and day (its
topic is the outbox message's once-key)."""

from celery import shared_task
from django.utils import timezone

from practice.services.digest import digest_sweep, digests_write


@shared_task(ignore_result=True)
def practice_digest_sweep_task() -> int:
    """Every minute from beat (settings.CELERY_BEAT_SCHEDULE): hand the people owed
    today's digest to writers, a batch each, so several workers write at once."""
    batches = digest_sweep(now=timezone.now())
    for user_ids in batches:
        practice_digests_write_task.delay(user_ids)
    return len(batches)


@shared_task(ignore_result=True)
def practice_digests_write_task(user_ids: list[int]) -> int:
    return digests_write(user_ids=user_ids, now=timezone.now())
