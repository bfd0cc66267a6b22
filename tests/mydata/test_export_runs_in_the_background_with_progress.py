"""Preparing the archive is one click: a Celery task builds it in steps, the page
and the API follow its progress, one export runs per person at a time, and once it
is ready one e-mail and one bell entry say so, however often the task runs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mydata.events import export_topic
from mydata.models import DataExport, ExportStatus
from mydata.selectors import document
from mydata.services import export as export_service
from mydata.services.export import export_start
from mydata.tasks import export_build_task
from notifications.models import Message, Notification
from notifications.services import messages_drain
from tests.mydata.support import owned_by_alice

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


@pytest.fixture
def queued(monkeypatch):
    """Tasks queued by name once the transaction commits, instead of sent."""
    names = []
    monkeypatch.setattr(
        "core.tasks.task_queue", lambda name, *args: names.append((name, args))
    )
    return names


def test_a_click_queues_one_build_and_a_second_returns_the_same_export(
    client, alice, queued, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("mydata-export-start"))
        client.post(reverse("mydata-export-start"))

    assert first.status_code == 302 and first["Location"].endswith("/me/#my-data")
    [export] = DataExport.objects.filter(user=alice)
    assert export.status == ExportStatus.QUEUED
    assert queued == [("mydata.tasks.export_build_task", (export.pk,))]


def test_the_task_moves_the_bar_one_part_at_a_time(alice, bob, monkeypatch):
    owned_by_alice(alice, bob)
    export = export_start(user=alice)
    seen = []
    original = export_service._progress

    def recorded(export_id, done, total):
        seen.append((done, total))
        original(export_id, done, total)

    monkeypatch.setattr(export_service, "_progress", recorded)
    export_build_task(export.pk)

    export.refresh_from_db()
    total = seen[0][1]
    # Eight parts, the three pads Alice may open, and the archive itself.
    assert total == 8 + 3 + 1
    assert [done for done, _ in seen] == list(range(total))
    assert (export.status, export.done, export.total) == ("ready", total, total)
    assert export.size > 0 and export.finished_at is not None


def test_the_status_endpoint_follows_the_export(client, alice):
    client.force_login(alice)
    export = export_start(user=alice)
    url = reverse("mydata-export-status", args=[export.pk])

    waiting = client.get(url).json()
    assert (waiting["status"], waiting["finished"]) == ("queued", False)
    assert waiting["download_url"] is None

    export_build_task(export.pk)
    ready = client.get(url).json()
    assert (ready["status"], ready["finished"]) == ("ready", True)
    assert ready["done"] == ready["total"] > 0
    assert ready["download_url"] == reverse(
        "mydata-export-download", args=[export.token]
    )
    assert ready["message"] == "Your archive is ready."


def test_the_api_starts_one_export_and_reports_its_progress(client, alice):
    client.force_login(alice)

    started = client.post(reverse("api-me-export"))
    again = client.post(reverse("api-me-export"))
    assert started.status_code == again.status_code == 202
    assert started.json()["id"] == again.json()["id"]
    assert started.json()["status"] == "queued"

    export_build_task(started.json()["id"])
    detail = client.get(reverse("api-me-export-detail", args=[started.json()["id"]]))
    body = detail.json()
    assert body["status"] == "ready" and body["done"] == body["total"]
    assert body["download_url"].endswith("/download/")


def test_when_ready_one_email_and_one_bell_entry_tell_its_owner(alice, settings):
    settings.SITE_URL = "https://mockloop.example"
    export = export_start(user=alice)

    export_build_task(export.pk)
    export_build_task(export.pk)
    messages_drain()
    messages_drain()

    assert Message.objects.filter(topic=export_topic(export_id=export.pk)).count() == 1
    [email] = mail.outbox
    assert email.to == ["alice@example.com"]
    assert email.subject.endswith("Your archive is ready to download")
    link = "https://mockloop.example" + reverse(
        "mydata-export-download", args=[export.token]
    )
    assert link in email.body
    [bell] = Notification.objects.filter(user=alice)
    assert bell.text == "Your archive is ready to download"
    assert bell.url == "/me/#my-data"


def test_a_build_that_fails_says_so_and_a_new_one_may_start(alice, monkeypatch):
    export = export_start(user=alice)

    def broken(*, user):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(document, "career_of", broken)
    with pytest.raises(RuntimeError):
        export_build_task(export.pk)

    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "prepare it again" in export.error
    assert not Message.objects.exists()
    assert export_start(user=alice).pk != export.pk


def test_an_export_stuck_running_for_an_hour_no_longer_blocks_a_new_one(alice):
    stuck = export_start(user=alice)
    DataExport.objects.filter(pk=stuck.pk).update(
        status=ExportStatus.RUNNING, created_at=timezone.now() - timedelta(hours=2)
    )

    fresh = export_start(user=alice)

    stuck.refresh_from_db()
    assert fresh.pk != stuck.pk
    assert stuck.status == ExportStatus.FAILED
    # And a task that wakes up late for it does nothing.
    export_build_task(stuck.pk)
    stuck.refresh_from_db()
    assert stuck.status == ExportStatus.FAILED
