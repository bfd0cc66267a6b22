"""Settings for a Celery worker started by a test or the reminder benchmark: the
project's own, with the e-mail outbox folder and the queue taken from the
environment, so parallel runs neither share a queue nor mix their e-mails."""

import os
from pathlib import Path

from config.settings import *  # noqa: F403

OUTBOX_DIR = Path(os.environ["MOCKLOOP_OUTBOX_DIR"])
CELERY_TASK_DEFAULT_QUEUE = os.environ["MOCKLOOP_CELERY_QUEUE"]
