"""The Celery app. Tasks live in each app's tasks.py; periodic sweeps in settings."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("mockloop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def make_broker_folders(sender: Celery, **kwargs) -> None:
    """kombu's filesystem transport does not create its folders, and a .delay() into a
    missing one raises FileNotFoundError (docs/facts.md)."""
    options = sender.conf.broker_transport_options or {}
    for key in (
        "data_folder_in",
        "data_folder_out",
        "processed_folder",
        "control_folder",
    ):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
    Path(sender.conf.beat_schedule_filename).parent.mkdir(parents=True, exist_ok=True)
