"""Search reads each question's document from a table of its own that PostgreSQL
keeps (migration 0006). Whatever changes a question (a save, a bulk create, a
queryset update, its topics, a delete), the next search finds it by its new words
and no longer by its old ones."""

import pytest
from django.http import QueryDict

from questions.filters import filters_from_params
from questions.models import Question
from questions.selectors.browse import question_browse
from questions.selectors.browse_pages import BrowsePaginator, question_browse_pages
from tests.questions.factories import QuestionFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def found(search: str) -> list[str]:
    filters = filters_from_params(QueryDict(f"search={search}"))
    return [q.slug for q in question_browse(filters=filters, user=None)]


def test_a_saved_change_of_title_or_statement_is_searched_at_once():
    question = QuestionFactory(
        slug="rooms", title="Meeting rooms", statement="Count the rooms."
    )
    assert found("meeting") == ["rooms"]

    question.title = "Lecture halls"
    question.statement = "Count the overlapping lectures."
    question.save()

    assert found("meeting") == []
    assert found("lecture") == ["rooms"]
    assert found("overlapping") == ["rooms"]


def test_topic_names_are_searched_once_synced():
    question = QuestionFactory(slug="walk", title="Walk", statement="Visit all.")
    question.topics.set([TopicFactory(slug="graphs", name="Graphs")])
    question.sync_topic_names()

    assert found("graphs") == ["walk"]


def test_bulk_writes_and_deletes_reach_the_search():
    link = "https://example.com/"
    Question.objects.bulk_create(
        [
            Question(
                slug=f"heap-{n}",
                title=f"Heap {n}",
                link=link,
                kind="coding",
                difficulty=2,
            )
            for n in range(3)
        ]
        + [
            Question(
                slug="plain", title="Plain", link=link, kind="coding", difficulty=2
            )
        ],
        batch_size=2,
    )
    assert sorted(found("heap")) == ["heap-0", "heap-1", "heap-2"]

    Question.objects.filter(slug="heap-1").update(title="Stack puzzle")
    Question.objects.filter(slug="heap-2").delete()

    assert found("heap") == ["heap-0"]
    assert found("stack") == ["heap-1"]


def test_ties_in_relevance_are_broken_by_the_current_title():
    for slug, title in [("b", "Beta interval"), ("a", "Alpha interval")]:
        QuestionFactory(slug=slug, title=title, statement="Merge them.")
    Question.objects.filter(slug="a").update(title="Zeta interval")

    pages = question_browse_pages(
        filters=filters_from_params(QueryDict("search=interval")), user=None
    )
    page = BrowsePaginator(pages, 10).page(1)

    assert [q.slug for q in page] == ["b", "a"] == found("interval")
