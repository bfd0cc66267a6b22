"""Queueing Celery tasks from the write path without importing them.

Services announce through events.py, events queue tasks, and tasks call services:
were events to import the tasks, the modules would import each other round the
circle. A task is queued by its name instead, once the transaction commits, so
nobody hears of a change that was rolled back."""

from celery import current_app
from django.db import transaction


def task_queue(name: str, *args) -> None:
    """Queue the task called `name` now."""
    if name not in current_app.tasks:
        # Celery imports the apps' tasks modules lazily (on a worker, at start): a
        # web process loads them the first time it queues one by name.
        current_app.loader.import_default_modules()
    current_app.tasks[name].delay(*args)


def task_queue_after_commit(name: str, *args) -> None:
    transaction.on_commit(lambda: task_queue(name, *args), robust=True)
