"""export_questions writes the bank format so that export, import into an empty
database and export again gives identical files."""

import filecmp
import json
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from questions.importers import import_path
from questions.importers.export import export_bank
from questions.models import Company, Question, QuestionList, Source, Topic
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db

BANK = Path(settings.BASE_DIR) / "questions" / "bank"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"


def empty_the_bank() -> None:
    for model in (QuestionList, Question, Company, Topic, Source):
        model.objects.all().delete()


def same_files(first: Path, second: Path) -> bool:
    compared = filecmp.dircmp(first, second)
    return (
        not compared.left_only
        and not compared.right_only
        and filecmp.cmpfiles(first, second, compared.common_files, shallow=False)[0]
        == sorted(compared.common_files)
    )


def test_the_starter_bank_round_trips_to_identical_files(tmp_path):
    import_path(BANK)
    export_bank(path=tmp_path / "first")
    empty_the_bank()

    report = import_path(tmp_path / "first")
    export_bank(path=tmp_path / "second")

    assert report.created["questions"] == 179
    assert sorted(p.name for p in (tmp_path / "first").iterdir()) == [
        "mockloop-starter-bank.yaml",
        "topics.yaml",
    ]
    assert same_files(tmp_path / "first", tmp_path / "second")


def test_community_lists_round_trip_with_their_sources_and_lists(tmp_path):
    import_path(SHARED / "neetcode-gh-leetcode")
    import_path(SHARED / "tech-interview-handbook")
    export_bank(path=tmp_path / "first")
    before = list(QuestionList.objects.values_list("slug", "source__slug"))
    empty_the_bank()

    import_path(tmp_path / "first")
    export_bank(path=tmp_path / "second")

    assert same_files(tmp_path / "first", tmp_path / "second")
    after = list(QuestionList.objects.values_list("slug", "source__slug"))
    assert sorted(after) == sorted(before)


def test_the_exported_bank_keeps_hints_and_sample_tags_readably(tmp_path):
    import_path(BANK)
    export_bank(path=tmp_path)

    text = (tmp_path / "mockloop-starter-bank.yaml").read_text()
    document = yaml.safe_load(text)
    assert document["format"] == "mockloop-bank/1"
    question = next(
        q
        for q in document["questions"]
        if q["slug"] == "sensor-log-run-length-compression"
    )
    assert question["hints"][0].startswith("Walk the string once")
    assert {"company": "amazon", "window": "6m", "frequency": 35, "sample": True} in (
        question["companies"]
    )
    assert "  statement: |\n    A sensor writes" in text


def test_one_source_exports_to_one_json_file_that_imports_back(tmp_path):
    import_path(BANK)
    import_path(SHARED / "tech-interview-handbook")
    path = tmp_path / "grind.json"

    call_command(
        "export_questions", str(path), "--source", "tech-interview-handbook-grind-75"
    )
    document = json.loads(path.read_text())
    empty_the_bank()
    import_path(path)

    assert len(document["questions"]) == 75
    assert QuestionList.objects.get(slug="grind-75").items.count() == 75


def test_a_single_file_cannot_hold_several_sources(tmp_path):
    import_path(BANK)
    import_path(SHARED / "tech-interview-handbook")

    with pytest.raises(CommandError, match="come from 2 sources"):
        call_command("export_questions", str(tmp_path / "all.yaml"))


def test_an_unrated_question_stays_unrated_through_export_and_import(tmp_path):
    QuestionFactory(slug="basic-calculator", difficulty=None)
    path = tmp_path / "bank.yaml"
    call_command("export_questions", str(path))
    Question.objects.all().delete()

    call_command("import_questions", str(path))

    assert Question.objects.get(slug="basic-calculator").difficulty is None
