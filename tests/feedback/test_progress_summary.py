"""The candidate's progress summary: scores over time per competency, the three
weakest with the rounds behind them, calibration, a 60/30/10 week plan, and only
the feedback the candidate may read (the blind rule)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Scorecard, StudyPlan
from feedback.selectors.progress import progress_summary
from interviews.models import RoundQuestion
from questions.models import Progress, ProgressStatus, RoundKind
from tests.factories import UserFactory
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)
from tests.questions.factories import CompanyFactory, CompanyTagFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def weeks_ago(weeks: int):
    return timezone.now() - timedelta(weeks=weeks)


def round_of(session, candidate):
    return next(r for r in rounds_of(session) if r.candidate_id == candidate.pk)


def feedback_round(candidate, interviewer, *, weeks, scores, own=None):
    """A finished round of `candidate`, scored by `interviewer`, with the
    candidate's self-assessment in (rating `own`, or skipped)."""
    session = finished_session(
        host=candidate, partner=interviewer, starts_at=weeks_ago(weeks)
    )
    round_ = round_of(session, candidate)
    write_scorecard(round_, scores)
    write_self_assessment(round_, own or 3, skipped=own is None)
    return round_


def competency(summary, id_):
    return next(each for each in summary["competencies"] if each["id"] == id_)


def test_scores_over_time_follow_the_rounds_and_now_is_the_last_three(alice, bob):
    for weeks, score in [(4, 1), (3, 2), (2, 3), (1, 4)]:
        feedback_round(alice, bob, weeks=weeks, scores={"approach": score})

    summary = progress_summary(user=alice)

    approach = competency(summary, "coding:approach")
    assert [point["score"] for point in approach["scores"]] == [1, 2, 3, 4]
    dates = [point["date"] for point in approach["scores"]]
    assert dates == sorted(dates)
    assert approach["current"] == 3.0
    assert (approach["kind"], approach["title"]) == (
        "coding",
        "Approach and algorithm choice",
    )
    assert summary["has_feedback"] and summary["rounds_count"] == 4


def test_the_three_weakest_come_with_their_rounds_and_questions(alice, bob):
    question = QuestionFactory(title="Two sum", slug="two-sum")
    old = feedback_round(
        alice, bob, weeks=3, scores={"verification": 1, "complexity": 2}
    )
    RoundQuestion.objects.create(
        round=old,
        segment=old.session.format.segments.get(kind="coding"),
        position=0,
        question=question,
        revealed_at=old.started_at,
    )
    feedback_round(
        alice, bob, weeks=1, scores={"verification": 2, "complexity": 2, "approach": 2}
    )

    weakest = progress_summary(user=alice)["weakest"]

    assert [area["key"] for area in weakest] == [
        "verification",
        "complexity",
        "approach",
    ]
    rounds = weakest[0]["rounds"]
    assert [each["score"] for each in rounds] == [1, 2]
    assert rounds[0]["partner"] == "Bob"
    assert rounds[0]["url"] == reverse("feedback-round", args=[old.pk])
    assert rounds[0]["date"] == old.started_at.date()
    assert rounds[0]["questions"] == [
        {"title": "Two sum", "url": reverse("question-detail", args=["two-sum"])}
    ]


def test_the_week_plan_splits_the_hours_60_30_10(alice, bob):
    StudyPlan.objects.create(user=alice, hours_per_week=10)
    feedback_round(
        alice,
        bob,
        weeks=1,
        scores={
            "verification": 1,
            "complexity": 1,
            "approach": 2,
            "clarifying": 3,
            "code_quality": 3,
            "communication": 4,
        },
    )

    plan = progress_summary(user=alice)["plan"]

    assert plan["hours_per_week"] == 10
    assert [(a["tier"], a["share"], a["hours"]) for a in plan["areas"]] == [
        ("weakest", 60, 6.0),
        ("middling", 30, 3.0),
        ("strongest", 10, 1.0),
    ]
    keys = [[c["key"] for c in area["competencies"]] for area in plan["areas"]]
    assert keys == [
        ["verification", "complexity", "approach"],
        ["clarifying", "code_quality"],
        ["communication"],
    ]
    assert plan["areas"][0]["competencies"][0]["hours"] == 2.0
    trains = plan["areas"][0]["competencies"][0]["format"]
    assert trains["slug"] in {"onsite-coding", "phone-screen-e4-e5"}


def test_the_plan_links_unsolved_questions_of_the_target_companies(alice, bob):
    target, other = CompanyFactory(name="Target"), CompanyFactory(name="Other")
    wanted = CompanyTagFactory(company=target, question__title="Wanted").question
    solved = CompanyTagFactory(company=target, question__title="Solved").question
    elsewhere = CompanyTagFactory(company=other, question__title="Elsewhere").question
    CompanyTagFactory(
        company=target,
        question__title="Design one",
        question__kind=RoundKind.SYSTEM_DESIGN,
    )
    Progress.objects.create(user=alice, question=solved, status=ProgressStatus.SOLVED)
    plan = StudyPlan.objects.create(user=alice, hours_per_week=6)
    plan.companies.set([target])
    feedback_round(alice, bob, weeks=1, scores=3)

    def linked() -> set[str]:
        areas = progress_summary(user=alice)["plan"]["areas"]
        return {
            question["title"]
            for area in areas
            for item in area["competencies"]
            for question in item["questions"]
        }

    assert linked() == {wanted.title}

    plan.companies.clear()
    assert linked() == {wanted.title, elsewhere.title}


def test_calibration_is_self_minus_interviewer_on_rounds_rated_by_both(alice, bob):
    feedback_round(alice, bob, weeks=3, scores={"approach": 2}, own={"approach": 4})
    feedback_round(alice, bob, weeks=2, scores={"approach": 3}, own={"approach": 3})
    # Skipped: the scorecard counts, but there is nothing to compare it with.
    feedback_round(alice, bob, weeks=1, scores={"approach": 1})

    approach = competency(progress_summary(user=alice), "coding:approach")

    assert approach["calibration"] == {
        "self": 3.5,
        "interviewer": 2.5,
        "gap": 1.0,
        "rounds": 2,
    }
    assert approach["current"] == 2.0


def test_a_scorecard_the_candidate_may_not_read_yet_does_not_count(alice, bob):
    session = finished_session(host=alice, partner=bob, starts_at=weeks_ago(1))
    round_ = round_of(session, alice)
    write_scorecard(round_, 1)

    blind = progress_summary(user=alice)
    assert not blind["has_feedback"]
    assert blind["competencies"] == blind["weakest"] == blind["plan"]["areas"] == []

    write_self_assessment(round_, 3)
    assert progress_summary(user=alice)["has_feedback"]


def test_drafts_and_superseded_versions_do_not_count(alice, bob):
    session = finished_session(host=alice, partner=bob, starts_at=weeks_ago(1))
    round_ = round_of(session, alice)
    # Written newest first, as each helper call makes version 1.
    for version, score, submitted in [(3, 4, False), (2, 3, True), (1, 1, True)]:
        scorecard = write_scorecard(round_, {"approach": score}, submitted=submitted)
        Scorecard.objects.filter(pk=scorecard.pk).update(version=version)
    write_self_assessment(round_, 3)

    approach = competency(progress_summary(user=alice), "coding:approach")

    assert [point["score"] for point in approach["scores"]] == [3]


def test_another_users_feedback_never_appears(alice, bob):
    session = finished_session(host=alice, partner=bob, starts_at=weeks_ago(1))
    to_bob = round_of(session, bob)
    write_scorecard(to_bob, 1)
    write_self_assessment(to_bob, 4)
    stranger = UserFactory(display_name="Charlie")

    assert not progress_summary(user=alice)["has_feedback"]
    assert not progress_summary(user=stranger)["has_feedback"]
    assert progress_summary(user=bob)["rounds_count"] == 1


def test_the_summary_takes_a_few_queries_however_many_rounds(
    alice, bob, django_assert_max_num_queries
):
    StudyPlan.objects.create(user=alice).companies.set([CompanyFactory()])
    for weeks in range(1, 7):
        feedback_round(alice, bob, weeks=weeks, scores=weeks % 4 + 1, own=3)

    with django_assert_max_num_queries(10):
        progress_summary(user=alice)
