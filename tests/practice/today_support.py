"""Helpers of today's set's tests: a person's targets, and questions a company
asked in the last six months."""

from practice.models import PracticeSettings
from questions.models import Difficulty, RoundKind, Window
from tests.questions.factories import (
    CompanyFactory,
    CompanyTagFactory,
    QuestionFactory,
)


def aim(user, *, companies=(), kinds=(), size=2) -> PracticeSettings:
    settings, _ = PracticeSettings.objects.get_or_create(user=user)
    settings.set_size = size
    settings.target_kinds = list(kinds)
    settings.save()
    settings.target_companies.set(companies)
    return settings


def asked(
    title: str,
    *,
    at,
    frequency: float,
    difficulty: int | None = Difficulty.MEDIUM,
    kind: str = RoundKind.CODING,
    window: str = Window.MONTHS_6,
):
    """A question `at` (a company, or its name) asked with this frequency."""
    company = (
        at if not isinstance(at, str) else CompanyFactory(name=at, slug=at.lower())
    )
    question = QuestionFactory(
        title=title,
        slug=title.lower().replace(" ", "-"),
        difficulty=difficulty,
        kind=kind,
    )
    CompanyTagFactory(
        question=question, company=company, window=window, frequency=frequency
    )
    return question
