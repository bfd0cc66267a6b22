"""Who may write and read feedback, as plain predicates. The blind rule lives here:
the candidate reads the scorecard only after their self-assessment is submitted or
skipped; the interviewer reads the self-assessment only after submitting theirs."""

from datetime import datetime

from feedback.models import InterviewerFeedback, Scorecard, SelfAssessment
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


def can_write_interviewer_feedback(user: User, round_: Round) -> bool:
    """The candidate rates how the round was run once it is over. A solo round has
    no interviewer to rate."""
    return (
        user.is_authenticated
        and round_.candidate_id == user.pk
        and round_.interviewer_id is not None
        and not round_.session.is_solo
        and round_feedback_open(round_)
    )


def can_read_interviewer_feedback(user: User, feedback: InterviewerFeedback) -> bool:
    """Its author always; the interviewer it is about once their own scorecard of
    the round is submitted (the blind rule, the other way round)."""
    if not user.is_authenticated:
        return False
    if feedback.author_id == user.pk:
        return True
    return feedback.interviewer_id == user.pk and scorecard_submitted(feedback.round)


def can_read_debrief(
    user: User,
    *,
    candidate_id: int,
    interviewer_ids: set[int],
    every_round_scored: bool,
    self_assessments_answered: bool,
) -> bool:
    """A loop's debrief: once every round is held and its scorecard submitted, its
    interviewers (each of whom has then submitted theirs) and its candidate, the
    candidate once their own account of every round is in (submitted or skipped),
    as for each scorecard. Nobody else, staff included."""
    if not user.is_authenticated or not every_round_scored:
        return False
    if user.pk in interviewer_ids:
        return True
    return user.pk == candidate_id and self_assessments_answered
