"""The progress and lists of an archive import into another account (here, or on
another Mockloop: questions are matched by slug, else by source link), and
importing the same file again adds nothing."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mydata.services.import_progress import progress_import
from questions.models import Attempt, Progress, QuestionList, QuestionListItem
from questions.services.progress import attempt_log
from tests.mydata.support import archive_of, export_built, owned_by_alice
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


@pytest.fixture
def archive(alice, bob):
    owned_by_alice(alice, bob)
    return archive_of(export_built(alice))


@pytest.fixture
def carol(db, password):
    from tests.factories import UserFactory

    return UserFactory(email="carol@example.com", display_name="Carol")


def zipped(archive: dict) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as opened:
        for name, data in archive.items():
            opened.writestr(name, data)
    return buffer.getvalue()


def state(user) -> dict:
    return {
        "progress": sorted(
            Progress.objects.filter(user=user).values_list(
                "question__slug", "status", "due_at", "last_attempt_at"
            )
        ),
        "attempts": sorted(
            Attempt.objects.filter(progress__user=user).values_list(
                "progress__question__slug", "created_at", "outcome", "rating", "day"
            )
        ),
        "items": list(
            QuestionListItem.objects.filter(question_list__owner=user)
            .order_by("question_list__slug", "position")
            .values_list("question_list__name", "question__slug", "section")
        ),
    }


def test_progress_attempts_and_lists_arrive_as_they_were(alice, carol, archive):
    report = progress_import(user=carol, data=zipped(archive))

    assert state(carol)["progress"] == state(alice)["progress"]
    assert state(carol)["attempts"] == state(alice)["attempts"]
    assert state(carol)["items"] == state(alice)["items"]
    mine = Progress.objects.get(user=carol, question__slug="two-sum")
    theirs = Progress.objects.get(user=alice, question__slug="two-sum")
    assert mine.card == theirs.card
    assert (report.progress_created, report.attempts_added) == (2, 3)
    assert (report.lists_created, report.list_items_added) == (1, 2)
    assert report.unmatched == []


def test_importing_the_same_file_twice_adds_nothing(carol, archive):
    progress_import(user=carol, data=zipped(archive))
    before = state(carol)

    report = progress_import(user=carol, data=zipped(archive))
    again = progress_import(user=carol, data=archive["export.json"])

    assert state(carol) == before
    for each in (report, again):
        assert (each.progress_created, each.progress_updated) == (0, 0)
        assert (each.attempts_added, each.attempts_present) == (0, 3)
        assert (each.lists_created, each.lists_matched) == (0, 1)
        assert each.list_items_added == 0
    assert QuestionList.objects.filter(owner=carol).count() == 1


def test_questions_match_by_slug_else_by_link_and_the_rest_are_reported(carol, archive):
    doc = json.loads(archive["export.json"])
    # Another instance named the same LeetCode problem differently.
    for entry in doc["progress"]:
        if entry["question"]["slug"] == "two-sum":
            entry["question"]["slug"] = "two-sum-elsewhere"
    doc["progress"].append(
        {
            **doc["progress"][0],
            "question": {"slug": "only-there", "title": "Only There", "link": ""},
        }
    )

    report = progress_import(user=carol, data=json.dumps(doc).encode())

    assert set(
        Progress.objects.filter(user=carol).values_list("question__slug", flat=True)
    ) == {"two-sum", "merge-intervals"}
    assert report.unmatched == [
        {"slug": "only-there", "title": "Only There", "link": ""}
    ]


def test_the_later_last_attempt_keeps_the_review_state(alice, carol, archive):
    later = timezone.now() + timedelta(hours=1)
    earlier = timezone.now() - timedelta(days=30)
    two_sum, intervals = (
        Progress.objects.get(user=alice, question__slug=s).question
        for s in ("two-sum", "merge-intervals")
    )
    attempt_log(user=carol, question=two_sum, outcome="not_solved", rating=1, now=later)
    attempt_log(user=carol, question=intervals, outcome="solved", rating=4, now=earlier)

    report = progress_import(user=carol, data=zipped(archive))

    kept = Progress.objects.get(user=carol, question=two_sum)
    assert (kept.status, kept.last_attempt_at) == ("attempted", later)
    updated = Progress.objects.get(user=carol, question=intervals)
    theirs = Progress.objects.get(user=alice, question=intervals)
    assert (updated.status, updated.last_attempt_at, updated.card) == (
        theirs.status,
        theirs.last_attempt_at,
        theirs.card,
    )
    assert (report.progress_kept, report.progress_updated) == (1, 1)
    # Attempts from both sides are kept.
    assert Attempt.objects.filter(progress__user=carol).count() == 2 + 3


def test_a_list_of_the_same_name_gains_only_what_it_lacks(alice, carol, archive):
    from questions.services import list_create

    own = list_create(owner=carol, name="graphs WEEK")
    QuestionListItem.objects.create(
        question_list=own,
        question=QuestionFactory(slug="mine-first"),
        position=1,
    )

    report = progress_import(user=carol, data=zipped(archive))

    assert (report.lists_created, report.lists_matched) == (0, 1)
    assert list(
        own.items.order_by("position").values_list("question__slug", "position")
    ) == [
        ("mine-first", 1),
        ("two-sum", 2),
        ("merge-intervals", 3),
    ]


def test_the_page_and_the_api_import_and_say_what_they_did(client, carol, archive):
    client.force_login(carol)
    upload = SimpleUploadedFile("mockloop-export-2026-01-05.zip", zipped(archive))
    page = client.post(reverse("mydata-import"), {"file": upload})

    assert page.status_code == 200
    assert "Progress: 2 new" in page.content.decode()
    api = client.post(
        reverse("api-me-import"),
        {"file": SimpleUploadedFile("export.json", archive["export.json"])},
    )
    assert api.status_code == 200
    assert api.json()["attempts_added"] == 0
    assert api.json()["attempts_present"] == 3
