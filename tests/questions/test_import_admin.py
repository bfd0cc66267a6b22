"""The admin's "Import questions" page: upload, a Celery task by run id, progress as
JSON, and the report; plus the question bank's ModelAdmins."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questions.importers import import_path
from questions.models import CompanyTag, ImportRun, Question
from questions.tasks import import_questions_task
from tests.factories import UserFactory
from tests.questions.factories import CompanyTagFactory, QuestionFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
UPLOAD = reverse("admin:questions_importrun_upload")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(client):
    client.force_login(
        UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    )
    return client


def upload(client, name: str, content: bytes, capture):
    with capture(execute=False) as callbacks:
        response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})
    return response, callbacks


def test_an_upload_becomes_a_run_that_a_worker_imports_by_id(
    admin_client, django_capture_on_commit_callbacks, media
):
    content = (DATA / "flat-files" / "facebook_6months.csv").read_bytes()

    response, callbacks = upload(
        admin_client,
        "facebook_6months.csv",
        content,
        django_capture_on_commit_callbacks,
    )

    run = ImportRun.objects.get()
    assert response.url == reverse("admin:questions_importrun_progress", args=[run.pk])
    assert (run.status, run.filename) == ("pending", "facebook_6months.csv")
    assert len(callbacks) == 1
    import_questions_task(run.pk)
    run.refresh_from_db()
    assert run.status == "done"
    assert (run.processed_rows, run.total_rows) == (4, 4)
    assert run.report["created"]["company_tags"] == 4
    assert CompanyTag.objects.filter(company__slug="meta", window="6m").count() == 4
    # The uploaded file is not kept once imported.
    assert not any(Path(media).rglob("*.csv"))


def test_running_the_task_twice_imports_once(
    admin_client, django_capture_on_commit_callbacks
):
    content = (DATA / "flat-files" / "two-sigma_2year.csv").read_bytes()
    upload(
        admin_client, "two-sigma_2year.csv", content, django_capture_on_commit_callbacks
    )
    run = ImportRun.objects.get()

    import_questions_task(run.pk)
    finished = ImportRun.objects.get().finished_at
    import_questions_task(run.pk)

    assert ImportRun.objects.get().finished_at == finished
    assert ImportRun.objects.get().status == "done"


def test_the_progress_page_polls_until_done_then_shows_the_report(
    admin_client, django_capture_on_commit_callbacks
):
    content = (
        b"Difficulty,Title,Frequency,Acceptance Rate,Link,Topics\n"
        b"EASY,Two Sum,100.0,0.54,https://leetcode.com/problems/two-sum,Array\n"
        b"EASY,Broken,lots,0.54,https://leetcode.com/problems/broken,\n"
    )
    archive = _zip({"Acme/5. All.csv": content})
    upload(admin_client, "lists.zip", archive, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    progress = reverse("admin:questions_importrun_progress", args=[run.pk])
    status = reverse("admin:questions_importrun_status", args=[run.pk])

    waiting = admin_client.get(progress).content.decode()
    assert "dist/import-progress.js" in waiting
    assert f'data-import-status-url="{status}"' in waiting
    assert admin_client.get(status).json()["message"] == "Waiting for a worker…"
    import_questions_task(run.pk)

    assert admin_client.get(status).json() | {"finished": True} == {
        "status": "done",
        "status_label": "Done",
        "processed_rows": 2,
        "total_rows": 2,
        "finished": True,
        "message": "2 of 2 rows imported.",
    }
    done = admin_client.get(progress).content.decode()
    assert "import-progress.js" not in done
    assert "Created: 1 questions, 1 company tags" in done
    assert "lists/Acme/5. All.csv" in done
    assert "Frequency &#x27;lots&#x27; is not a number." in done


def test_a_refused_upload_shows_the_file_line_and_problem(
    admin_client, django_capture_on_commit_callbacks
):
    upload(
        admin_client,
        "bank.yaml",
        b"format: mockloop-bank/1\nquestions: [\n",
        django_capture_on_commit_callbacks,
    )
    run = ImportRun.objects.get()

    import_questions_task(run.pk)

    run.refresh_from_db()
    assert run.status == "failed"
    assert run.error.startswith("Refused; nothing was imported. bank.yaml, line 3:")
    page = admin_client.get(
        reverse("admin:questions_importrun_progress", args=[run.pk])
    )
    assert "Refused; nothing was imported. bank.yaml, line 3:" in page.content.decode()
    assert not Question.objects.exists()


def test_a_worker_that_cannot_see_the_upload_says_where_to_look(
    admin_client, django_capture_on_commit_callbacks, media
):
    content = (DATA / "flat-files" / "two-sigma_2year.csv").read_bytes()
    upload(
        admin_client, "two-sigma_2year.csv", content, django_capture_on_commit_callbacks
    )
    for stored in Path(media).rglob("upload.csv"):
        stored.unlink()

    import_questions_task(ImportRun.objects.get().pk)

    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert "must share the media folder (MEDIA_ROOT)" in run.error


def test_an_upload_of_another_kind_of_file_is_refused_at_once(
    admin_client, django_capture_on_commit_callbacks
):
    response, callbacks = upload(
        admin_client, "notes.txt", b"hello", django_capture_on_commit_callbacks
    )

    assert response.status_code == 200
    assert "Upload a .zip of a folder, or one .csv" in response.content.decode()
    assert not ImportRun.objects.exists()
    assert callbacks == []


def test_staff_without_the_import_permission_cannot_import_or_watch(client, staff):
    client.force_login(staff)
    run = ImportRun.objects.create(filename="x.csv")

    assert client.get(UPLOAD).status_code == 403
    status = reverse("admin:questions_importrun_status", args=[run.pk])
    assert client.get(status).status_code == 403


def test_people_who_are_not_staff_are_sent_to_log_in(client, alice):
    client.force_login(alice)

    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.parametrize(
    "model",
    [
        "source",
        "company",
        "topic",
        "question",
        "companytag",
        "askedreport",
        "questionlist",
        "progress",
        "attempt",
        "importrun",
    ],
)
def test_every_bank_model_has_a_searchable_admin_list(admin_client, model):
    CompanyTagFactory(question=QuestionFactory(title="Two Sum"))

    response = admin_client.get(
        reverse(f"admin:questions_{model}_changelist"), {"q": "two"}
    )

    assert response.status_code == 200


def test_the_question_list_shows_each_questions_source_and_licence(admin_client):
    import_path(DATA / "slug-folders" / "two-sigma")

    page = admin_client.get(reverse("admin:questions_question_changelist"))

    assert (
        "Company lists, per-company slug folders (local copy) (No licence stated"
        in (page.content.decode())
    )
    assert "Import questions" in page.content.decode()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
