"""Two people changing one question's topics at the same moment: the topic filter
afterwards finds the question under both topics (the copy of the topic ids in the
question row is rebuilt after the other change commits, not from a stale view)."""

import threading
import time

import pytest
from django.db import transaction
from django.http import QueryDict

from questions.filters import filters_from_params
from questions.models import Question
from questions.selectors.browse import question_filter
from tests.questions.factories import QuestionFactory, TopicFactory
from tests.threads import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_topics_added_at_once_by_two_transactions_are_both_kept():
    question = QuestionFactory(slug="walk-the-graph")
    graphs = TopicFactory(slug="graphs", name="Graphs")
    heaps = TopicFactory(slug="heaps", name="Heaps")
    first_added = threading.Event()

    def add_graphs_and_linger():
        with transaction.atomic():
            Question.objects.get(pk=question.pk).topics.add(graphs)
            first_added.set()
            time.sleep(0.5)  # the other change starts while this one is open

    def add_heaps():
        first_added.wait(timeout=10)
        with transaction.atomic():
            Question.objects.get(pk=question.pk).topics.add(heaps)

    run_together(add_graphs_and_linger, add_heaps)

    for topic in ("graphs", "heaps"):
        filters = filters_from_params(QueryDict(f"topic={topic}"))
        found = question_filter(filters=filters, user=None)
        assert list(found.values_list("slug", flat=True)) == ["walk-the-graph"]
