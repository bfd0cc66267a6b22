from celery import shared_task

from rooms.services.retention import pads_retention_sweep


@shared_task(ignore_result=True)
def pads_retention_sweep_task() -> int:
    return pads_retention_sweep()
