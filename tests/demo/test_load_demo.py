"""`load_demo` (so `make run`) loads the starter bank, the curated NeetCode 150,
Blind 75 and Grind 75 with their licence, weeks of past mocks between the demo
accounts with feedback both ways (so Alice's progress page shows a trend on first
run) and the next demo session; it says so in a few lines, and running it again
adds nothing. The demo is loaded once for the module (tests/demo/conftest.py)."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.management.commands.load_demo import demo_steps
from feedback.models import Scorecard, ScorecardRating, SelfAssessment, SelfRating
from feedback.selectors.progress import progress_summary
from interviews.models import MockSession, Round, RoundQuestion
from questions.importers.starter import starter_bank_import
from questions.models import Question, QuestionList, Source
from users.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Question,
            QuestionList,
            MockSession,
            Round,
            RoundQuestion,
            Scorecard,
            ScorecardRating,
            SelfAssessment,
            SelfRating,
        )
    }


def test_it_says_what_it_loaded_in_a_few_lines(loaded_demo):
    lines = loaded_demo.splitlines()

    assert starter_bank_import in demo_steps()
    (bank,) = [line for line in lines if line.startswith("Starter question bank:")]
    assert bank.startswith("Starter question bank: 10 files in questions/bank/;")
    assert "Curated lists: Blind 75 (75), Grind 75 (75), NeetCode 150 (150)" in (
        loaded_demo
    )
    assert "Demo feedback: 6 past sessions" in loaded_demo
    assert "alice@mockloop.test" in loaded_demo and "admin@mockloop.test" in loaded_demo


def test_the_three_curated_lists_come_with_their_licence(loaded_demo):
    counts = {
        row.slug: row.items.count() for row in QuestionList.objects.filter(owner=None)
    }

    assert {
        slug: counts.get(slug) for slug in ("neetcode-150", "blind-75", "grind-75")
    } == {"neetcode-150": 150, "blind-75": 75, "grind-75": 75}
    licences = set(Source.objects.values_list("license", flat=True))
    assert "MIT (c) 2022 neetcode-gh" in licences
    assert "MIT (c) 2017-present Yangshun Tay" in licences
    assert (
        QuestionList.objects.get(slug="grind-75", owner=None).items.first().section
        == "Week 1"
    )


def test_alice_gets_a_trend_and_one_clear_weakest_area(loaded_demo):
    alice = User.objects.get(email="alice@mockloop.test")
    summary = progress_summary(user=alice)
    assert summary["rounds_count"] == 6
    clarifying = next(
        c for c in summary["competencies"] if c["id"] == "coding:clarifying"
    )
    scores = [point["score"] for point in clarifying["scores"]]
    assert len(scores) == 4 and scores[-1] > scores[0]
    dates = [point["date"] for point in clarifying["scores"]]
    assert (dates[-1] - dates[0]).days >= 35
    weakest = summary["weakest"]
    assert [area["key"] for area in weakest][0] == "verification"
    assert weakest[0]["current"] < weakest[1]["current"]
    assert all(area["rounds"] and area["rounds"][0]["questions"] for area in weakest)
    assert [area["share"] for area in summary["plan"]["areas"]] == [60, 30, 10]
    assert any(c["calibration"]["gap"] > 0 for c in summary["competencies"])


def test_bob_gets_feedback_too(loaded_demo):
    bob = User.objects.get(email="bob@mockloop.test")
    assert progress_summary(user=bob)["rounds_count"] == 6


def test_running_it_again_adds_nothing(loaded_demo):
    first = rows()

    second = load_demo()

    assert rows() == first
    assert "(questions/curated/); nothing new or changed (0 created, 0 updated)." in (
        second
    )
    (bank,) = [
        line for line in second.splitlines() if line.startswith("Starter question")
    ]
    assert bank.endswith("; nothing new or changed (0 created, 0 updated).")
