"""The topic filter reads a copy of each question's topics that PostgreSQL keeps in
the question's row (migration 0005). Whatever changes the topics (the ORM's add,
remove, set and clear, deleting a topic, bulk SQL), the filter finds exactly the
questions that have the topic now."""

import pytest
from django.db import connection
from django.http import QueryDict

from questions.filters import filters_from_params
from questions.models import Question, Topic
from questions.selectors.browse import question_filter
from tests.questions.factories import QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def found(*topics: str) -> set[str]:
    params = QueryDict(mutable=True)
    params.setlist("topic", list(topics))
    filters = filters_from_params(params)
    return set(
        question_filter(filters=filters, user=None).values_list("slug", flat=True)
    )


@pytest.fixture
def graphs():
    return TopicFactory(slug="graphs", name="Graphs")


@pytest.fixture
def heaps():
    return TopicFactory(slug="heaps", name="Heaps")


def test_added_and_removed_topics_are_found_at_once(graphs, heaps):
    course = QuestionFactory(slug="course-order", topics=[graphs])
    QuestionFactory(slug="no-topics")

    assert found("graphs") == {"course-order"}
    course.topics.add(heaps)
    assert found("heaps") == {"course-order"}
    course.topics.remove(graphs)
    assert found("graphs") == set()
    assert found("graphs", "heaps") == {"course-order"}
    course.topics.clear()
    assert found("graphs", "heaps") == set()


def test_setting_topics_on_many_questions_in_one_statement(graphs, heaps):
    questions = [QuestionFactory(slug=f"question-{n}") for n in range(5)]
    links = Question.topics.through
    links.objects.bulk_create(
        [links(question=question, topic=graphs) for question in questions[:3]]
        + [links(question=questions[4], topic=heaps)]
    )

    assert found("graphs") == {"question-0", "question-1", "question-2"}
    assert found("heaps", "graphs") == {
        "question-0",
        "question-1",
        "question-2",
        "question-4",
    }
    links.objects.filter(topic=graphs, question__slug="question-1").delete()
    assert found("graphs") == {"question-0", "question-2"}


def test_a_deleted_topic_leaves_no_trace(graphs, heaps):
    QuestionFactory(slug="walk", topics=[graphs, heaps])

    Topic.objects.filter(slug="graphs").delete()

    assert found("heaps") == {"walk"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT topic_ids FROM questions_question")
            assert cursor.fetchall() == [([heaps.id],)]
