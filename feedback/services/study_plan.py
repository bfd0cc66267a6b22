"""What the weekly plan is built from: the hours a candidate has, and the companies
they aim at."""

from collections.abc import Iterable

from django.db import transaction

from core.errors import ApplicationError
from core.validators import is_ascii_number
from feedback.models import StudyPlan
from questions.models import Company
from users.models import User

MIN_HOURS, MAX_HOURS = 1, 80
MAX_COMPANIES = 50


def _clean_hours(hours_per_week: int | str) -> int:
    text = str(hours_per_week).strip()
    if isinstance(hours_per_week, bool) or not is_ascii_number(text):
        raise ApplicationError(
            "Give the hours per week as a whole number.", field="hours_per_week"
        )
    hours = int(text)
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise ApplicationError(
            f"Plan between {MIN_HOURS} and {MAX_HOURS} hours a week.",
            field="hours_per_week",
        )
    return hours


def _clean_companies(company_ids: Iterable[int | str]) -> list[Company]:
    ids = set()
    for value in company_ids:
        text = str(value).strip()
        digits = is_ascii_number(text) and len(text) <= 9
        if isinstance(value, bool) or not digits:
            raise ApplicationError("Unknown company.", field="companies")
        ids.add(int(text))
    if len(ids) > MAX_COMPANIES:
        raise ApplicationError(
            f"Aim at {MAX_COMPANIES} companies at most.", field="companies"
        )
    companies = list(Company.objects.filter(pk__in=ids))
    if len(companies) != len(ids):
        raise ApplicationError(
            "Unknown company: pick from the list.", field="companies"
        )
    return companies


@transaction.atomic
def study_plan_save(
    *, user: User, hours_per_week: int | str, company_ids: Iterable[int | str]
) -> StudyPlan:
    """Set the hours per week and the target companies; nothing changes if either
    is refused."""
    hours = _clean_hours(hours_per_week)
    companies = _clean_companies(company_ids)
    plan, _ = StudyPlan.objects.select_for_update().get_or_create(
        user=user, defaults={"hours_per_week": hours}
    )
    if plan.hours_per_week != hours:
        plan.hours_per_week = hours
        plan.save(update_fields=["hours_per_week", "updated_at"])
    plan.companies.set(companies)
    return plan
