"""The candidate's self-assessment of a round: the same criteria rated by
themselves, what went well and what did not, written before reading the scorecard
(or skipped, which opens the scorecard without ratings)."""

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from feedback import events
from feedback.models import SelfAssessment, SelfRating
from feedback.permissions import can_write_self_assessment
from feedback.services.ratings import (
    FeedbackInput,
    check_ratings,
    check_text,
    criteria_of,
    locked_round,
    missing_ratings,
    rubric_for,
    save_ratings,
)
from interviews.models import Round
from users.models import User


def _ensure_candidate(round_: Round, author: User) -> None:
    if not can_write_self_assessment(author, round_):
        if round_.candidate_id != author.pk:
            raise ApplicationError(
                "Only this round's candidate writes its self-assessment.", field="round"
            )
        raise ApplicationError(
            "The self-assessment opens when the round has ended.", field="round"
        )


def _apply_self(assessment: SelfAssessment, data: FeedbackInput) -> None:
    criteria = criteria_of(assessment.rubric)
    check_ratings(data.ratings, criteria)
    for name in ("went_well", "went_badly"):
        check_text(name, getattr(data, name))
    for name in ("went_well", "went_badly"):
        value = getattr(data, name)
        if value is not None:
            setattr(assessment, name, value)
    assessment.save()
    save_ratings(SelfRating, "self_assessment", assessment, data.ratings, criteria)


@transaction.atomic
def self_assessment_draft(*, round_id: int, author: User) -> SelfAssessment:
    round_ = locked_round(round_id)
    _ensure_candidate(round_, author)
    assessment = SelfAssessment.objects.filter(round=round_).first()
    if assessment is None:
        assessment = SelfAssessment.objects.create(
            round=round_, author=author, rubric=rubric_for(round_)
        )
    return assessment


@transaction.atomic
def self_assessment_create(
    *, round_id: int, author: User, data: FeedbackInput, submit: bool = False
) -> SelfAssessment:
    round_ = locked_round(round_id)
    _ensure_candidate(round_, author)
    if SelfAssessment.objects.filter(round=round_).exists():
        raise ApplicationError(
            "This round already has your self-assessment.", field="round"
        )
    assessment = SelfAssessment.objects.create(
        round=round_, author=author, rubric=rubric_for(round_)
    )
    _apply_self(assessment, data)
    if submit:
        _submit_self(assessment)
    return assessment


def _submit_self(assessment: SelfAssessment) -> None:
    missing = missing_ratings(
        SelfRating, "self_assessment", assessment, criteria_of(assessment.rubric)
    )
    if missing:
        raise ApplicationError(
            "Rate yourself on every criterion before submitting (or skip the "
            "self-assessment); not rated yet: " + ", ".join(missing) + ".",
            field="ratings",
        )
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at"])
    events.self_assessment_submitted(assessment=assessment)


def _locked_assessment(assessment_id: int, author: User) -> SelfAssessment:
    assessment = (
        SelfAssessment.objects.select_for_update(of=("self",))
        .select_related("round__session")
        .filter(pk=assessment_id, author=author)
        .first()
    )
    if assessment is None:
        raise ApplicationError("There is no such self-assessment of yours.")
    if assessment.submitted_at is not None:
        raise ApplicationError("Your self-assessment is already in; it stays as sent.")
    return assessment


@transaction.atomic
def self_assessment_update(
    *, assessment_id: int, author: User, data: FeedbackInput, submit: bool = False
) -> SelfAssessment:
    assessment = _locked_assessment(assessment_id, author)
    _apply_self(assessment, data)
    if submit:
        _submit_self(assessment)
    return assessment


@transaction.atomic
def self_assessment_submit(*, assessment_id: int, author: User) -> SelfAssessment:
    """Submit a saved draft (the page saves what was typed first, so a refused
    submission loses nothing)."""
    assessment = _locked_assessment(assessment_id, author)
    _submit_self(assessment)
    return assessment


@transaction.atomic
def self_assessment_skip(*, round_id: int, author: User) -> SelfAssessment:
    """Read the scorecard without rating oneself: the choice is kept, and the
    ratings of a half-written draft are dropped so they never count as an answer."""
    round_ = locked_round(round_id)
    _ensure_candidate(round_, author)
    assessment = SelfAssessment.objects.filter(round=round_).first()
    if assessment is None:
        assessment = SelfAssessment.objects.create(
            round=round_, author=author, rubric=rubric_for(round_)
        )
    elif assessment.submitted_at is not None:
        raise ApplicationError("Your self-assessment is already in; it stays as sent.")
    assessment.ratings.all().delete()
    assessment.skipped = True
    assessment.submitted_at = timezone.now()
    assessment.save()
    events.self_assessment_skipped(assessment=assessment)
    return assessment
