"""Running an import twice changes nothing: the second report creates and updates
nothing, and every table holds the same rows."""

from pathlib import Path

import pytest
from django.conf import settings

from questions.importers import import_path
from questions.models import (
    Company,
    CompanyTag,
    Question,
    QuestionList,
    QuestionListItem,
    Source,
    Topic,
)

pytestmark = pytest.mark.django_db

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"
DATA = Path(__file__).parent / "data"
BANK = Path(settings.BASE_DIR) / "questions" / "bank"


def snapshot() -> dict:
    return {
        "questions": sorted(
            Question.objects.values_list(
                "slug", "title", "difficulty", "link", "source_id", "topic_names"
            )
        ),
        "tags": sorted(
            CompanyTag.objects.values_list(
                "question_id", "company_id", "window", "frequency", "source_id"
            )
        ),
        "companies": sorted(Company.objects.values_list("slug", "name", "source_id")),
        "topics": sorted(Topic.objects.values_list("slug", "name")),
        "lists": sorted(QuestionList.objects.values_list("slug", "name", "source_id")),
        "items": sorted(
            QuestionListItem.objects.values_list(
                "question_list__slug", "question__slug", "position", "section"
            )
        ),
        "sources": Source.objects.count(),
    }


@pytest.mark.parametrize(
    "path",
    [
        BANK,
        SHARED / "neetcode-gh-leetcode",
        SHARED / "tech-interview-handbook",
        SHARED / "hxu296-leetcode-company-wise-problems-2022",
        DATA / "window-folders",
        DATA / "slug-folders",
        DATA / "flat-files",
    ],
    ids=lambda path: path.name,
)
def test_importing_the_same_files_twice_changes_nothing(path):
    first = import_path(path)
    before = snapshot()

    second = import_path(path)

    assert first.created_total > 0
    assert (second.created_total, second.updated_total) == (0, 0)
    assert second.rows == first.rows
    assert second.skipped == first.skipped
    assert snapshot() == before


def test_everything_imported_together_twice_settles_although_lists_disagree():
    # NeetCode says one problem is Medium where Grind 75 says Easy, and the lists
    # spell some titles differently: neither may undo the other on every run.
    every = [BANK, SHARED, DATA]
    for path in every:
        import_path(path)
    before = snapshot()

    again = [import_path(path) for path in every]

    assert [(r.created_total, r.updated_total) for r in again] == [(0, 0)] * 3
    assert snapshot() == before
