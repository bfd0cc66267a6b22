"""`load_demo` (so `make run`) loads the curated NeetCode 150, Blind 75 and Grind 75
from the files the project ships, with their licence, and a second run adds
nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from questions.models import Question, QuestionList, Source

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_brings_the_three_curated_lists_once():
    first = load_demo()
    counts = {
        row.slug: row.items.count() for row in QuestionList.objects.filter(owner=None)
    }
    questions = Question.objects.count()

    second = load_demo()

    assert {
        slug: counts.get(slug) for slug in ("neetcode-150", "blind-75", "grind-75")
    } == {
        "neetcode-150": 150,
        "blind-75": 75,
        "grind-75": 75,
    }
    assert "Curated lists: Blind 75 (75), Grind 75 (75), NeetCode 150 (150)" in first
    assert "NeetCode 150 (150); 0 created, 0 updated." in second
    assert Question.objects.count() == questions
    licences = set(Source.objects.values_list("license", flat=True))
    assert "MIT (c) 2022 neetcode-gh" in licences
    assert "MIT (c) 2017-present Yangshun Tay" in licences
    assert (
        QuestionList.objects.get(slug="grind-75", owner=None).items.first().section
        == "Week 1"
    )
