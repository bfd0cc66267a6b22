"""The admin's import page in a real browser: the progress bar follows the run and the
report appears when the worker is done."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from questions.importers import runs
from questions.models import ImportRun
from questions.tasks import import_questions_task
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).parent / "data"


@pytest.fixture
def queued(monkeypatch, settings, tmp_path):
    """Run ids handed to Celery; the test plays the worker."""
    settings.MEDIA_ROOT = tmp_path / "media"
    ids: list[int] = []
    monkeypatch.setattr(
        runs, "task_queue_after_commit", lambda name, run_id: ids.append(run_id)
    )
    return ids


def test_an_admin_uploads_a_file_and_watches_the_import_finish(
    page, live_server, password, queued
):
    UserFactory(
        email="root@example.com", is_staff=True, is_superuser=True, password=password
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/questions/importrun/")
    page.locator("#id_username").fill("root@example.com")
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")

    page.get_by_role("link", name="Import questions").click()
    page.get_by_label("File").set_input_files(
        DATA / "flat-files" / "facebook_1year.csv"
    )
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_text("Waiting for a worker…")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_visible()
    import_questions_task(queued[0])

    expect(page.get_by_role("heading", name="Report")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("Created: 3 questions, 3 company tags")).to_be_visible()
    assert ImportRun.objects.get().status == "done"
    # No script error and no CSP refusal; the browser's favicon request may 404.
    assert [error for error in errors if "404" not in error] == []
