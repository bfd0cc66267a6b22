"""What `load_demo` (so `make run`) prints on an empty database names what it counts
(questions, topics, companies, company tags, lists, list items) and agrees with the
rows it wrote, and the README gives the same numbers."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from questions.models import (
    Company,
    CompanyTag,
    Question,
    QuestionList,
    QuestionListItem,
    Topic,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

README = Path(settings.BASE_DIR) / "README.md"
ADDED = re.compile(r"(\d+) (questions|company tags|companies|topics|lists|list items)")


def line_starting(printed: str, start: str) -> str:
    (line,) = [line for line in printed.splitlines() if line.startswith(start)]
    return line


def added(line: str) -> dict[str, int]:
    """'…; added 179 questions, 47 topics.' -> {'questions': 179, 'topics': 47}."""
    return {name: int(n) for n, name in ADDED.findall(line.split("; added ")[1])}


def bank_totals(printed: str) -> dict[str, int]:
    line = line_starting(printed, "Question bank:")
    match = re.fullmatch(
        r"Question bank: (\d+) questions \((\d+) with a statement, (\d+) link-only\), "
        r"(\d+) topics, (\d+) companies, (\d+) company tags, (\d+) curated lists\.",
        line,
    )
    assert match, line
    keys = (
        "questions",
        "with_statement",
        "link_only",
        "topics",
        "companies",
        "company_tags",
        "lists",
    )
    return dict(zip(keys, map(int, match.groups()), strict=True))


def test_the_printed_totals_are_the_rows_in_the_database(loaded_demo):
    totals = bank_totals(loaded_demo)

    assert totals == {
        "questions": Question.objects.count(),
        "with_statement": Question.objects.exclude(statement="").count(),
        "link_only": Question.objects.filter(statement="").count(),
        "topics": Topic.objects.count(),
        "companies": Company.objects.count(),
        "company_tags": CompanyTag.objects.count(),
        "lists": QuestionList.objects.filter(owner=None).count(),
    }


def test_what_each_import_says_it_added_adds_up_to_the_database(loaded_demo):
    bank = added(line_starting(loaded_demo, "Starter question bank:"))
    curated_line = line_starting(loaded_demo, "Curated lists:")
    curated = added(curated_line)

    assert bank["questions"] + curated["questions"] == Question.objects.count()
    assert bank["questions"] == Question.objects.exclude(statement="").count()
    assert curated["questions"] == Question.objects.filter(statement="").count()
    assert bank["topics"] + curated.get("topics", 0) == Topic.objects.count()
    assert bank["companies"] == Company.objects.count()
    assert bank["company tags"] == CompanyTag.objects.count()
    assert curated["lists"] == QuestionList.objects.count()
    assert curated["list items"] == QuestionListItem.objects.count()
    # An empty database: nothing was there to update.
    assert "updated" not in curated_line
    on_lists = QuestionListItem.objects.values("question").distinct().count()
    assert f": {on_lists} questions in all, " in curated_line


def test_the_readme_gives_the_numbers_make_run_prints(loaded_demo):
    totals = bank_totals(loaded_demo)
    readme = " ".join(README.read_text().split())

    assert (
        f"{totals['questions']} questions: {totals['with_statement']} written for "
        "Mockloop" in readme
    )
    assert f"{totals['link_only']} link-only coding questions" in readme
    assert (
        f"Question bank: {totals['questions']} questions "
        f"({totals['with_statement']} with a statement, "
        f"{totals['link_only']} link-only)" in readme
    )
