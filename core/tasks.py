"""Queueing Celery tasks from the write path without importing them.

Services announce through events.py, events queue tasks, and tasks call services:
were events to import the tasks, the modules would import each other round the
circle. A task is queued by its name instead, once the transaction commits, so
nobody hears of a change that was rolled back."""

from celery import current_app
from django.db import transaction


def task_queue(name: str, *args) -> None:
    """Queue the task called `name` now."""
    current_app.tasks[name].delay(*args)


def task_queue_after_commit(name: str, *args) -> None:
    transaction.on_commit(lambda: task_queue(name, *args), robust=True)
