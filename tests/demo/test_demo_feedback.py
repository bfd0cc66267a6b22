"""`load_demo` gives the demo accounts weeks of past sessions with feedback both
ways, so that Alice's progress page shows a trend on first run; running it again
adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.feedback import demo_feedback_ensure
from feedback.models import (
    Scorecard,
    ScorecardRating,
    SelfAssessment,
    SelfRating,
)
from feedback.selectors.progress import progress_summary
from interviews.models import MockSession, Round, RoundQuestion
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
            MockSession,
            Round,
            RoundQuestion,
            Scorecard,
            ScorecardRating,
            SelfAssessment,
            SelfRating,
        )
    }


def test_load_demo_gives_alice_a_trend_and_one_clear_weakest_area():
    output = load_demo()

    assert "Demo feedback: 6 past sessions" in output
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


def test_bob_gets_feedback_too():
    load_demo()

    bob = User.objects.get(email="bob@mockloop.test")
    assert progress_summary(user=bob)["rounds_count"] == 6


def test_running_load_demo_twice_adds_nothing():
    load_demo()
    first = rows()

    load_demo()

    assert rows() == first


def test_without_the_demo_accounts_it_says_so():
    assert "skipped" in demo_feedback_ensure()
    assert not MockSession.objects.exists()
