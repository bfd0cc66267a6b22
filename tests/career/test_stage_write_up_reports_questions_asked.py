"""After a stage, the write-up: each question named becomes an "asked at" report
through the bank's own service (the same checks and the same feed into company
tags), once; the self-assessment is on the format's rubric; what to practise next
names that rubric's competencies. A refused write-up saves nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from career.models import InterviewStage
from career.services.real import real_interview_create, stage_create, stage_write_up
from core.errors import ApplicationError
from questions.models import AskedReport, CompanyTag
from tests.career.support import company
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def past_stage(alice):
    acme = company()
    interview = real_interview_create(owner=alice, company_slug=acme.slug, level="E5")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    return stage_create(
        interview=interview,
        format="coding",
        day=yesterday.isoformat(),
        at="10:00",
        time_zone="UTC",
    )


def test_questions_asked_become_reports_once(alice, past_stage):
    two_sum = QuestionFactory(slug="two-sum", title="Two sum")
    stage_write_up(
        stage=past_stage,
        user=alice,
        question_slugs=["two-sum"],
        self_ratings={"approach": 3, "complexity": "2"},
        practise_next=["complexity"],
        write_up="Ran out of time on the follow-up.",
    )
    (report,) = AskedReport.objects.all()
    assert report.reporter == alice and report.question == two_sum
    assert report.company.slug == "acme" and report.round_kind == "coding"
    assert report.level == "E5"
    assert report.asked_on == timezone.localdate() - dt.timedelta(days=1)
    assert CompanyTag.objects.filter(question=two_sum, company__slug="acme").exists()

    # Saving the write-up again reports nothing twice.
    stage_write_up(stage=past_stage, user=alice, question_slugs=["two-sum"])
    assert AskedReport.objects.count() == 1

    past_stage.refresh_from_db()
    assert past_stage.written_up_at is not None


def test_the_self_assessment_is_on_the_formats_rubric(alice, past_stage):
    stage = stage_write_up(
        stage=past_stage,
        user=alice,
        self_ratings={"approach": 3, "complexity": "2"},
        practise_next=["complexity", "approach"],
    )
    assert stage.self_ratings == {"approach": 3, "complexity": 2}
    # In the rubric's order.
    assert stage.practise_next == ["approach", "complexity"]
    with pytest.raises(ApplicationError, match="rubric"):
        stage_write_up(stage=past_stage, user=alice, self_ratings={"ownership": 3})
    with pytest.raises(ApplicationError, match="1 to 4"):
        stage_write_up(stage=past_stage, user=alice, self_ratings={"approach": 5})


def test_a_refused_write_up_saves_nothing(alice, past_stage):
    QuestionFactory(slug="two-sum")
    with pytest.raises(ApplicationError):
        stage_write_up(
            stage=past_stage,
            user=alice,
            question_slugs=["two-sum", "no-such-question"],
            write_up="Kept",
        )
    with pytest.raises(ApplicationError):
        stage_write_up(
            stage=past_stage, user=alice, question_slugs=["two-sum"], write_up="\x00"
        )
    assert AskedReport.objects.count() == 0
    past_stage.refresh_from_db()
    assert past_stage.write_up == "" and past_stage.written_up_at is None


def test_a_future_stage_or_a_company_outside_the_bank_is_refused(alice):
    QuestionFactory(slug="two-sum")
    loop = real_interview_create(owner=alice, company_name="Not in the bank")
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    later = stage_create(
        interview=loop, format="coding", day=tomorrow, at="10:00", time_zone="UTC"
    )
    with pytest.raises(ApplicationError, match="taken place"):
        stage_write_up(stage=later, user=alice)
    InterviewStage.objects.filter(pk=later.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=1)
    )
    later.refresh_from_db()
    with pytest.raises(ApplicationError, match="bank"):
        stage_write_up(stage=later, user=alice, question_slugs=["two-sum"])


def test_the_page_and_the_api_write_up(client, alice, past_stage):
    QuestionFactory(slug="two-sum", title="Two sum")
    QuestionFactory(slug="lru-cache", title="LRU cache")
    client.force_login(alice)
    url = reverse("career-stage-write-up", args=[past_stage.pk])
    assert "Complexity analysis" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "questions_asked": ["two-sum"],
            "rating_approach": "4",
            "practise_next": ["verification"],
            "write_up": "<b>fine</b>",
        },
    )
    assert response.status_code == 302
    api = APIClient()
    api.force_authenticate(alice)
    data = api.put(
        f"/api/career/stages/{past_stage.pk}/write-up/",
        {"questions_asked": ["two-sum", "lru-cache"], "self_ratings": {"approach": 2}},
        format="json",
    ).json()
    assert data["questions_asked"] == ["lru-cache", "two-sum"] or set(
        data["questions_asked"]
    ) == {"two-sum", "lru-cache"}
    assert data["self_ratings"] == {"approach": 2}
    assert AskedReport.objects.count() == 2
    page = client.get(reverse("career-interview", args=[past_stage.interview_id]))
    assert "<b>fine</b>" not in page.content.decode()
