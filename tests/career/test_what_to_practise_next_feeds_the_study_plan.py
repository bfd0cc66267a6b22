"""'What to practise next' in a stage's write-up feeds the 60/30/10 plan: the
competencies named come first, in the weakest tier, rated in mocks or not; older
write-ups and other people's do not count."""

import datetime as dt

import pytest
from django.utils import timezone

from career.models import InterviewStage
from career.services.real import real_interview_create, stage_create, stage_write_up
from feedback.selectors.progress import progress_summary
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def written_up(user, fmt: str, keys: list[str]):
    loop = real_interview_create(owner=user, company_name="Initech")
    day = timezone.localdate() - dt.timedelta(days=1)
    stage = stage_create(
        interview=loop, format=fmt, day=day, at="10:00", time_zone="UTC"
    )
    return stage_write_up(stage=stage, user=user, practise_next=keys)


def plan_ids(user, tier: str) -> list[str]:
    areas = {a["tier"]: a for a in progress_summary(user=user)["plan"]["areas"]}
    return [c["id"] for c in areas[tier]["competencies"]] if tier in areas else []


def test_the_competencies_to_practise_next_come_first(alice, bob):
    session = finished_session(host=bob, partner=alice, swap=False)
    (round_,) = rounds_of(session)
    # Complexity is her strongest in mocks; she still asks to practise it.
    write_scorecard(round_, {"complexity": 4, "approach": 1, "clarifying": 1})
    write_self_assessment(round_, 3)
    assert "coding:complexity" not in plan_ids(alice, "weakest")

    written_up(alice, "coding", ["complexity"])
    written_up(alice, "system_design", ["requirements"])
    written_up(bob, "coding", ["verification"])

    weakest = plan_ids(alice, "weakest")
    assert weakest[:2] == ["coding:complexity", "system_design:requirements"]
    assert "coding:verification" not in weakest


def test_an_old_write_up_no_longer_steers_the_plan(alice):
    stage = written_up(alice, "coding", ["complexity"])
    assert plan_ids(alice, "weakest") == ["coding:complexity"]
    InterviewStage.objects.filter(pk=stage.pk).update(
        written_up_at=timezone.now() - dt.timedelta(weeks=9)
    )
    assert plan_ids(alice, "weakest") == []
