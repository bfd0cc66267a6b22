"""Saving the study plan: the hours a week and the target companies, refused as a
whole on bad input, from the service and from the progress page's form."""

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from feedback.models import StudyPlan
from feedback.services.study_plan import study_plan_save
from tests.questions.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_hours_and_companies_are_saved_and_replaced(alice):
    meta, google = CompanyFactory(name="Meta"), CompanyFactory(name="Google")

    study_plan_save(user=alice, hours_per_week="12", company_ids=[str(meta.pk)])
    plan = study_plan_save(user=alice, hours_per_week=8, company_ids=[google.pk])

    plan.refresh_from_db()
    assert plan.hours_per_week == 8
    assert list(plan.companies.all()) == [google]
    assert StudyPlan.objects.count() == 1


@pytest.mark.parametrize("hours", ["0", "81", "-3", "6.5", "", "six", True])
def test_bad_hours_are_refused_and_nothing_is_saved(alice, hours):
    company = CompanyFactory()
    with pytest.raises(ApplicationError) as refused:
        study_plan_save(user=alice, hours_per_week=hours, company_ids=[company.pk])
    assert refused.value.field == "hours_per_week"
    assert not StudyPlan.objects.exists()


@pytest.mark.parametrize("company_id", ["999999", "abc"])
def test_an_unknown_company_is_refused_and_nothing_is_saved(alice, company_id):
    plan = study_plan_save(user=alice, hours_per_week=6, company_ids=[])
    known = CompanyFactory()

    with pytest.raises(ApplicationError, match="Unknown company"):
        study_plan_save(
            user=alice, hours_per_week=20, company_ids=[known.pk, company_id]
        )

    plan.refresh_from_db()
    assert plan.hours_per_week == 6
    assert not plan.companies.exists()


def test_the_form_saves_and_goes_back_to_the_progress_page(client, alice):
    company = CompanyFactory(name="Stripe")
    client.force_login(alice)

    answer = client.post(
        reverse("feedback-study-plan"),
        {"hours_per_week": "9", "companies": [company.pk]},
    )

    assert answer.status_code == 302
    assert answer["Location"] == reverse("feedback-progress")
    assert alice.study_plan.hours_per_week == 9


def test_the_form_shows_why_bad_input_was_refused(client, alice):
    client.force_login(alice)

    answer = client.post(reverse("feedback-study-plan"), {"hours_per_week": "200"})

    assert answer.status_code == 400
    assert "between 1 and 80 hours" in answer.content.decode()
    assert 'value="200"' in answer.content.decode()
    assert not StudyPlan.objects.exists()


def test_the_form_needs_a_signed_in_user(client):
    answer = client.post(reverse("feedback-study-plan"), {"hours_per_week": "5"})
    assert answer.status_code == 302
    assert not StudyPlan.objects.exists()
