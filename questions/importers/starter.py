"""The starter bank shipped in questions/bank/, loaded by `manage.py load_demo`."""

from pathlib import Path

from questions.importers import import_path
from questions.importers.report import ENTITIES, LABELS, ImportReport
from questions.models import (
    Company,
    CompanyTag,
    Question,
    QuestionList,
    QuestionListItem,
    Topic,
)

BANK = Path(__file__).resolve().parent.parent / "bank"
# NeetCode 150, Blind 75 and Grind 75, under MIT (see the LICENSE files beside them).
CURATED_LISTS = ("neetcode-150", "blind-75", "grind-75")
CURATED = Path(__file__).resolve().parent.parent / "curated"


def _changes(report: ImportReport) -> str:
    """What this run wrote, named: on a second run, "nothing new or changed"."""
    parts = []
    if report.created_total:
        parts.append(f"added {_named(report.created)}")
    if report.updated_total:
        parts.append(f"updated {_named(report.updated)}")
    return "; ".join(parts) or "nothing new or changed (0 created, 0 updated)"


ONE = {
    "questions": "question",
    "company_tags": "company tag",
    "companies": "company",
    "topics": "topic",
    "topics_merged": "topic merged into another of the same name",
    "lists": "list",
    "list_items": "list item",
    "sources": "source",
}


def _named(counts) -> str:
    return ", ".join(
        f"{counts[key]} {ONE[key] if counts[key] == 1 else LABELS[key]}"
        for key in ENTITIES
        if counts[key]
    )


def starter_bank_import() -> str:
    """Imports questions/bank/*.yaml; returns one line saying what it did."""
    report = import_path(BANK)
    return (
        f"Starter question bank: {len(report.files)} files in questions/bank/; "
        f"{_changes(report)}."
    )


def curated_lists_import() -> str:
    """Imports questions/curated/ (NeetCode 150, Blind 75, Grind 75): link-only
    questions and the three curated lists. Importing again changes nothing."""
    report = import_path(CURATED)
    curated = QuestionList.objects.filter(owner=None, slug__in=CURATED_LISTS)
    lists = ", ".join(f"{row.name} ({row.items.count()})" for row in curated)
    on_lists = Question.objects.filter(
        pk__in=QuestionListItem.objects.filter(question_list__in=curated).values(
            "question"
        )
    )
    return (
        f"Curated lists: {lists}: {on_lists.count()} questions in all, "
        f"{on_lists.filter(statement='').count()} of them only a title and a link "
        f"(questions/curated/); {_changes(report)}."
    )


def question_bank_summary() -> str:
    """What the bank holds after the imports: the numbers the README gives."""
    questions = Question.objects.all()
    with_statement = questions.exclude(statement="").count()
    total = questions.count()
    return (
        f"Question bank: {total} questions ({with_statement} with a statement, "
        f"{total - with_statement} link-only), {Topic.objects.count()} topics, "
        f"{Company.objects.count()} companies, "
        f"{CompanyTag.objects.count()} company tags, "
        f"{QuestionList.objects.filter(owner=None).count()} curated lists."
    )
