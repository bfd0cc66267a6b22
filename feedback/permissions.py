"""Who may write and read feedback, as plain predicates. The blind rule lives here:
the candidate reads the scorecard only after their self-assessment is submitted or
skipped; the interviewer reads the self-assessment only after submitting theirs."""

from datetime import datetime

from feedback.models import Scorecard, SelfAssessment
from interviews.models import Round
from interviews.permissions import round_is_over
from users.models import User


def round_feedback_open(round_: Round, now: datetime | None = None) -> bool:
    """Feedback is written once the round is over (interviews.permissions)."""
    return round_is_over(round_, now)


def can_write_scorecard(user: User, round_: Round) -> bool:
    return (
        user.is_authenticated
        and round_.interviewer_id == user.pk
        and round_.candidate_id is not None
        and round_feedback_open(round_)
    )


def can_write_self_assessment(user: User, round_: Round) -> bool:
    return (
        user.is_authenticated
        and round_.candidate_id == user.pk
        and round_feedback_open(round_)
    )


def self_assessment_answered(round_: Round) -> bool:
    """Submitted or skipped: either opens the scorecard to the candidate."""
    assessment = SelfAssessment.objects.filter(round=round_).first()
    return assessment is not None and assessment.submitted_at is not None


def scorecard_submitted(round_: Round) -> bool:
    return Scorecard.objects.filter(round=round_, submitted_at__isnull=False).exists()


def can_read_scorecard(user: User, scorecard: Scorecard) -> bool:
    """The author always; the subject once submitted and their own account is in;
    nobody else, staff included (feedback is between the two)."""
    if not user.is_authenticated:
        return False
    if scorecard.author_id == user.pk:
        return True
    return (
        scorecard.subject_id == user.pk
        and scorecard.submitted_at is not None
        and self_assessment_answered(scorecard.round)
    )


def can_read_self_assessment(user: User, assessment: SelfAssessment) -> bool:
    """The candidate always; the round's interviewer once both are submitted."""
    if not user.is_authenticated:
        return False
    if assessment.author_id == user.pk:
        return True
    return (
        assessment.round.interviewer_id == user.pk
        and assessment.submitted_at is not None
        and not assessment.skipped
        and scorecard_submitted(assessment.round)
    )
