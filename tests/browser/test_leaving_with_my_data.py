"""Leaving with one's data, in a real Chromium (issue 21's walk): Alice prepares her
archive from her profile and downloads it, deletes her account with her password,
then signs up on a fresh Mockloop (its own database and server) and imports her
progress there, where it is hers again with its review schedule."""

import pytest
from playwright.sync_api import expect

from mydata.models import DataExport
from mydata.tasks import export_build_task
from questions.services.progress import attempt_log
from tests.backups.support import Instance
from tests.questions.factories import QuestionFactory
from tests.server_process import ServerProcess
from users.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

NEW_QUESTION = (
    "from questions.models import Question; "
    "Question.objects.create(slug='merge-the-bookings', title='Merge the bookings', "
    "kind='coding', difficulty=2, statement='Merge overlapping bookings.', "
    "examples=[])"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fresh_instance(tmp_path, collected_static):
    """Another Mockloop: migrated, with the same question in its bank, served."""
    instance = Instance(tmp_path / "fresh", migrated=True)
    (instance.folder / "staticfiles").symlink_to(
        (collected_static / "staticfiles").resolve()
    )
    done = instance.manage("shell", "-c", NEW_QUESTION)
    assert done.returncode == 0, done.stderr[-2000:]
    url = instance.env.get("DATABASE_URL") or (
        f"sqlite:///{instance.folder / 'db.sqlite3'}"
    )
    server = ServerProcess(instance.folder, database_url=url).start()
    yield server
    server.stop()
    instance.drop()


def test_alice_takes_her_progress_to_a_fresh_instance(
    logged_in_page, live_server, alice, password, tmp_path, fresh_instance
):
    question = QuestionFactory(slug="merge-the-bookings", title="Merge the bookings")
    attempt_log(user=alice, question=question, outcome="solved", rating=3)
    page = logged_in_page

    page.goto(f"{live_server.url}/me/")
    page.get_by_test_id("my-data").get_by_role(
        "button", name="Prepare my archive"
    ).click()
    expect(page.get_by_test_id("export-progress")).to_contain_text("Waiting to start")
    export_build_task(DataExport.objects.get(user=alice).pk)
    expect(page.get_by_test_id("export-ready")).to_be_visible(timeout=10_000)
    with page.expect_download() as download:
        page.get_by_test_id("export-download").click()
    archive = tmp_path / download.value.suggested_filename
    download.value.save_as(archive)

    page.get_by_test_id("delete-link").click()
    page.get_by_label("Your password").fill(password)
    page.get_by_test_id("delete-account").click()
    expect(
        page.get_by_text("Your account and your personal data are deleted.")
    ).to_be_visible()
    assert not User.objects.filter(email=alice.email).exists()

    fresh = fresh_instance.url
    page.goto(f"{fresh}/accounts/signup/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Display name").fill("Alice")
    page.locator("#id_password1").fill("long-enough-secret-42")
    page.locator("#id_password2").fill("long-enough-secret-42")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(f"{fresh}/")
    page.goto(f"{fresh}/me/data/import/")
    page.get_by_label("Archive or export.json").set_input_files(archive)
    page.get_by_role("button", name="Import").click()
    report = page.get_by_test_id("import-report")
    expect(report).to_contain_text("Progress: 1 new")
    expect(report).to_contain_text("Attempts: 1 added")
    report.get_by_role("link", name="See your progress").click()
    expect(page.get_by_role("link", name="Merge the bookings")).to_be_visible()
