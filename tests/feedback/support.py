"""Shared helpers of the feedback tests: finished mock sessions between two people,
and feedback written on them straight through the models (the services' own tests
go through the services)."""

from datetime import datetime, timedelta

from django.utils import timezone

from feedback.models import (
    Scorecard,
    ScorecardRating,
    SelfAssessment,
    SelfRating,
)
from feedback.selectors.rubrics import round_kind, rubric_current
from interviews.models import MockSession, Round
from tests.interviews.sessions_support import book, builtin
from users.models import User


def finished_session(
    *,
    host: User,
    partner: User,
    starts_at: datetime | None = None,
    swap: bool = True,
    format_slug: str = "phone-screen-e4-e5",
) -> MockSession:
    """A session both accepted whose rounds ran and ended (in swap mode, the host
    interviews first, then the partner)."""
    starts_at = starts_at or timezone.now() - timedelta(days=1)
    session = book(
        host=host,
        partner=partner,
        # Far ahead, clear of the sessions a test books for tomorrow.
        starts_at=timezone.now() + timedelta(days=200),
        swap=swap,
        format=builtin(format_slug),
        host_role="interviewer",
    )
    # Booked ahead (the past cannot be booked), then moved to when it happened.
    length = session.ends_at - session.starts_at
    MockSession.objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + length
    )
    session.refresh_from_db()
    for round_ in session.rounds.all():
        round_.started_at = starts_at + timedelta(minutes=45 * round_.order)
        round_.ended_at = round_.started_at + timedelta(minutes=45)
        round_.elapsed_before = timedelta(minutes=45)
        round_.save()
    return session


def rounds_of(session: MockSession) -> list[Round]:
    return list(session.rounds.order_by("order"))


def write_scorecard(
    round_: Round,
    scores: dict[str, int] | int,
    *,
    recommendation: str = "hire",
    submitted: bool = True,
    at: datetime | None = None,
) -> Scorecard:
    """The round's interviewer's scorecard, every criterion rated (`scores` by
    criterion key, or one score for all)."""
    rubric = rubric_current(kind=round_kind(round_))
    # Opening the round's page starts a draft: this replaces it.
    Scorecard.objects.filter(round=round_, submitted_at__isnull=True).delete()
    scorecard = Scorecard.objects.create(
        round=round_,
        author=round_.interviewer,
        subject=round_.candidate,
        rubric=rubric,
        recommendation=recommendation,
        level_signal="at",
        strengths="Clear plan before coding.",
        improvements="Test the edge cases earlier.",
        submitted_at=(at or round_.ended_at or timezone.now()) if submitted else None,
    )
    ScorecardRating.objects.bulk_create(
        ScorecardRating(
            scorecard=scorecard,
            criterion=criterion,
            score=scores if isinstance(scores, int) else scores.get(criterion.key, 3),
        )
        for criterion in rubric.criteria.all()
    )
    return scorecard


def write_self_assessment(
    round_: Round,
    scores: dict[str, int] | int,
    *,
    skipped: bool = False,
    at: datetime | None = None,
) -> SelfAssessment:
    rubric = rubric_current(kind=round_kind(round_))
    # Opening the round's page starts a draft: this replaces it.
    SelfAssessment.objects.filter(round=round_, submitted_at__isnull=True).delete()
    assessment = SelfAssessment.objects.create(
        round=round_,
        author=round_.candidate,
        rubric=rubric,
        went_well="Found the approach quickly.",
        went_badly="Ran out of time on the dry run.",
        skipped=skipped,
        submitted_at=at or round_.ended_at or timezone.now(),
    )
    if not skipped:
        SelfRating.objects.bulk_create(
            SelfRating(
                self_assessment=assessment,
                criterion=criterion,
                score=scores
                if isinstance(scores, int)
                else scores.get(criterion.key, 3),
            )
            for criterion in rubric.criteria.all()
        )
    return assessment
