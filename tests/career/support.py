"""Shared helpers of the career tests: behavioral questions, a company of the bank,
and mock rounds with a behavioral part."""

from datetime import timedelta

from django.utils import timezone

from interviews.models import Round
from questions.models import RoundKind
from tests.interviews.sessions_support import book, builtin
from tests.questions.factories import CompanyFactory, QuestionFactory


def behavioral_question(title: str, slug: str):
    return QuestionFactory(title=title, slug=slug, kind=RoundKind.BEHAVIORAL)


def company(name: str = "Acme", slug: str = "acme"):
    return CompanyFactory(name=name, slug=slug)


def upcoming_round(
    *, interviewer, candidate, format_slug="onsite-behavioral", days: int = 3
) -> Round:
    """A round booked `days` ahead in which `interviewer` interviews
    `candidate`."""
    session = book(
        host=interviewer,
        partner=candidate,
        starts_at=timezone.now() + timedelta(days=days),
        format=builtin(format_slug),
        host_role="interviewer",
    )
    return session.rounds.get()


STORY = {
    "title": "Cut the build time in half",
    "situation": "Our CI took 40 minutes a run.",
    "task": "Make it fast without losing coverage.",
    "action": "Split the suite and cached the dependencies.",
    "result": "20 minutes a run; 6 engineer-hours a day saved.",
    "reflection": "Measure first.",
}
