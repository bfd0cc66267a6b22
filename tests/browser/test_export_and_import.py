"""In a real Chromium: Alice prepares the archive of everything she owns from her
profile, watches its progress bar finish while the task runs, and downloads it;
Carol, on another account, imports it and finds Alice's progress and list as her
own, then imports it again and nothing more is added."""

import zipfile

import pytest
from playwright.sync_api import expect

from mydata.models import DataExport
from mydata.tasks import export_build_task
from questions.models import QuestionListItem
from questions.services import list_create
from questions.services.progress import attempt_log
from tests.browser.people import session_cookie_add
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    session_cookie_add(page.context, live_server.url, user)
    page.goto(f"{live_server.url}/")


def test_alice_exports_everything_and_carol_imports_her_progress(
    logged_in_page, live_server, alice, password, tmp_path, console_errors
):
    two_sum = QuestionFactory(slug="two-sum", title="Two Sum")
    attempt_log(user=alice, question=two_sum, outcome="solved", rating=3)
    graphs = list_create(owner=alice, name="Graphs week")
    QuestionListItem.objects.create(question_list=graphs, question=two_sum, position=1)
    page = logged_in_page

    page.goto(f"{live_server.url}/me/")
    section = page.get_by_test_id("my-data")
    section.get_by_role("button", name="Prepare my archive").click()
    progress = page.get_by_test_id("export-progress")
    expect(progress).to_contain_text("Waiting to start")
    # A second click is not offered while it runs.
    expect(section.get_by_role("button", name="Prepare my archive")).to_have_count(0)

    export_build_task(DataExport.objects.get(user=alice).pk)

    # The page's poll sees it finish and shows the link.
    expect(page.get_by_test_id("export-ready")).to_be_visible(timeout=10_000)
    with page.expect_download() as download:
        page.get_by_test_id("export-download").click()
    name = download.value.suggested_filename
    assert name.startswith("mockloop-export-") and name.endswith(".zip")
    archive = tmp_path / name
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        assert {"export.json", "README.md", "export.schema.json"} <= set(
            opened.namelist()
        )

    carol = UserFactory(email="carol@example.com", password=password)
    sign_in(page, live_server, carol)
    page.goto(f"{live_server.url}/me/")
    page.get_by_role("link", name="Import progress from an archive").click()
    page.get_by_label("Archive or export.json").set_input_files(archive)
    page.get_by_role("button", name="Import").click()
    report = page.get_by_test_id("import-report")
    expect(report).to_contain_text("Progress: 1 new")
    expect(report).to_contain_text("Attempts: 1 added")
    expect(report).to_contain_text("Lists: 1 new")

    page.get_by_label("Archive or export.json").set_input_files(archive)
    page.get_by_role("button", name="Import").click()
    expect(report).to_contain_text("Progress: 0 new")
    expect(report).to_contain_text("Attempts: 0 added, 1 already here")

    report.get_by_role("link", name="See your progress").click()
    expect(page.get_by_role("link", name="Two Sum")).to_be_visible()
    assert console_errors == []
