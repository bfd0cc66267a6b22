"""A real Celery worker, fed through the real broker, sends a due reminder once
through the outbox, even when the sweep is started twice (two beats): Redis in
production, and the filesystem broker on SQLite that `make run` uses (make test's
embedded pass)."""

import time
from datetime import timedelta

import pytest
from celery import Celery
from django.conf import settings
from django.utils import timezone

from interviews.services.reminders import reminders_schedule
from notifications.models import Message
from tests.interviews.celery_worker_process import (
    WorkerProcess,
    broker_forget,
    filesystem_broker,
    outbox_message_ids,
    redis_url_with_db,
    unique_queue,
)
from tests.interviews.reminder_builders import make_people, make_session

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

# A Redis database of its own, and a queue named per run: parallel test runs and a
# developer's `make run` never hand each other messages.
WORKER_REDIS_DB = 12


def wait_until(condition, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


@pytest.fixture
def worker(tmp_path):
    queue = unique_queue("mockloop-test-reminders")
    if settings.REDIS_URL:
        redis_url = redis_url_with_db(settings.REDIS_URL, WORKER_REDIS_DB)
        broker = Celery(broker=redis_url, set_as_current=False)
    else:
        redis_url = None
        broker = Celery(set_as_current=False)
        broker.conf.update(filesystem_broker(tmp_path / "data"))
    process = WorkerProcess(
        name="reminders-test",
        database=settings.DATABASES["default"],
        redis_url=redis_url,
        data_dir=tmp_path / "data",
        queue=queue,
        outbox=tmp_path / "outbox",
        log=tmp_path / "worker.log",
        pool="threads",
        concurrency=2,
    )
    try:
        process.start()
        yield process, broker, queue, tmp_path / "outbox"
    finally:
        process.stop()
        broker.close()
        if redis_url:
            broker_forget(redis_url, queue)


def test_a_real_worker_sends_a_due_reminder_once_even_when_two_sweeps_run(worker):
    process, broker, queue, outbox = worker
    soon_host, soon_partner = make_people(2, reminder_offsets=[1440, 15])
    later_host, later_partner = make_people(2, prefix="later", reminder_offsets=[1440])
    # Starts in ten minutes: both offsets are past, so one reminder each is due now.
    soon = make_session(
        host=soon_host,
        partner=soon_partner,
        starts_at=timezone.now() + timedelta(minutes=10),
    )
    # Starts in two hours: the day-before reminder, the only one, is due now.
    later = make_session(
        host=later_host,
        partner=later_partner,
        starts_at=timezone.now() + timedelta(hours=2),
    )
    reminders_schedule(session=soon)
    reminders_schedule(session=later)
    due = list(Message.objects.filter(due_at__lte=timezone.now()))
    assert len(due) == 4

    for _ in range(2):
        broker.send_task("notifications.tasks.outbox_sweep_task", queue=queue)

    assert wait_until(
        lambda: (
            not Message.objects.filter(
                pk__in=[r.pk for r in due], sent_at__isnull=True
            ).exists()
        ),
        timeout=60,
    ), process.log_path.read_text()[-3000:]
    time.sleep(2)  # a duplicate, if any, would land now
    assert outbox_message_ids(outbox) == {
        f"<reminder-{reminder.pk}@mockloop>": 1 for reminder in due
    }
    assert not Message.objects.filter(due_at__gt=timezone.now(), sent_at__isnull=False)
    assert set(
        Message.objects.filter(pk__in=[r.pk for r in due]).values_list(
            "attempts", flat=True
        )
    ) == {1}
