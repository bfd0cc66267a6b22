"""The debrief's packet: scorecards side by side by competency, the level signals,
strong and weak areas, and a hire or no-hire roll-up by the rule the page states,
whose text is made from the same constants the roll-up reads."""

import pytest
from django.urls import reverse

from feedback.models import LevelSignal, Recommendation, Scorecard
from feedback.selectors import loops
from feedback.selectors.loops import hire_rule_text, loop_debrief_for
from tests.feedback.loop_support import held_loop, scored, three_round_loop

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]

H, NH, SNH, SH = "hire", "no_hire", "strong_no_hire", "strong_hire"


@pytest.fixture
def rounds(alice, bob):
    return held_loop(
        candidate=alice, interviewers=[bob, bob, bob], loop=three_round_loop(alice)
    )


def _debrief(rounds, recommendations, **kwargs):
    scored(rounds, recommendations=recommendations, **kwargs)
    return loop_debrief_for(user=rounds[0].candidate, loop_id=rounds[0].pk)


@pytest.mark.parametrize(
    ("recommendations", "hire"),
    [
        ([H, H, H], True),
        ([SH, SH, SH], True),
        # One coding "no hire" is allowed; the deciding rounds say hire.
        ([NH, H, SH], True),
        ([SNH, H, H], False),
        # System design decides the level: its "no hire" sinks the loop.
        ([H, NH, H], False),
        ([H, H, NH], False),
    ],
)
def test_hire_rule(rounds, recommendations, hire):
    debrief = _debrief(rounds, recommendations)
    assert debrief.hire is hire
    assert debrief.verdict == ("Hire" if hire else "No hire")
    assert all(passed for _, passed in debrief.checks) is hire


def test_two_no_hires_are_too_many_when_the_limit_is_one(rounds):
    assert loops.MAX_NO_HIRE == 1
    assert not _debrief(rounds, [NH, NH, H]).hire


def test_the_rule_on_the_page_follows_the_constants(monkeypatch):
    text = hire_rule_text()
    assert "at most 1 round says “No hire”" in text
    assert "system design, ML system design and behavioral round" in text
    assert "“Hire” or “Strong hire”" in text
    monkeypatch.setattr(loops, "MAX_NO_HIRE", 2)
    assert "at most 2 rounds say “No hire”" in hire_rule_text()


def test_level_comes_from_the_rounds_that_decide_it(rounds):
    scored(rounds)
    Scorecard.objects.filter(round=rounds[0]).update(level_signal=LevelSignal.BELOW)
    Scorecard.objects.filter(round__in=rounds[1:]).update(
        level_signal=LevelSignal.ABOVE
    )
    debrief = loop_debrief_for(user=rounds[0].candidate, loop_id=rounds[0].pk)
    # The coding round's "below" does not decide the level.
    assert debrief.level == LevelSignal.ABOVE.label
    Scorecard.objects.filter(round=rounds[2]).update(level_signal=LevelSignal.BELOW)
    debrief = loop_debrief_for(user=rounds[0].candidate, loop_id=rounds[0].pk)
    assert debrief.level == LevelSignal.BELOW.label


def test_competencies_side_by_side_with_strong_and_weak_areas(rounds):
    debrief = _debrief(
        rounds,
        [H, H, H],
        scores=[{"communication": 4, "approach": 1}, {"communication": 3}, 2],
    )
    by_title = {each.title: each for each in debrief.competencies}
    # Communication is rated in the coding and system design rubrics: one row.
    communication = by_title["Communication"]
    assert communication.scores[:2] == [4, 3]
    approach = by_title["Approach and algorithm choice"]
    assert approach.scores == [1, None, None]
    assert approach in debrief.weak
    assert communication in debrief.strong
    assert [each.round.pk for each in debrief.rounds] == [each.pk for each in rounds]


def test_the_page_shows_the_packet_escaped(client, rounds, alice):
    scored(rounds, recommendations=[H, NH, H])
    Scorecard.objects.filter(round=rounds[0]).update(
        strengths="<script>alert(1)</script> kept the plan"
    )
    client.force_login(alice)
    page = client.get(reverse("feedback-loop-debrief", args=[rounds[0].pk]))
    html = page.content.decode()
    assert hire_rule_text() in html
    assert "No hire" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; kept the plan" in html
    assert Recommendation.NO_HIRE.label in html


def test_the_api_says_the_same(client, rounds, alice):
    scored(rounds, recommendations=[H, H, SH])
    client.force_login(alice)
    data = client.get(reverse("api-loop-debrief", args=[rounds[0].pk])).json()
    assert data["verdict"] == "Hire"
    assert data["hire_rule"] == hire_rule_text()
    assert [each["recommendation"] for each in data["rounds"]] == [H, H, SH]
    assert [each["kind"] for each in data["rounds"]] == [
        "coding",
        "system_design",
        "behavioral",
    ]
    assert all(len(each["scores"]) == 3 for each in data["competencies"])
