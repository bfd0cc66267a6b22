"""The round feedback page's form, for whichever side of the round is posting: the
interviewer's scorecard or the candidate's self-assessment. What was typed is saved
first, in its own transaction (bad input saves nothing), then submitted: a refused
submission keeps what was typed as a draft."""

from django.db import transaction

from core.errors import ApplicationError
from feedback.permissions import scorecard_submitted
from feedback.services.ratings import FeedbackInput
from feedback.services.scorecards import (
    scorecard_correct,
    scorecard_draft,
    scorecard_submit,
    scorecard_update,
)
from feedback.services.self_assessments import (
    self_assessment_draft,
    self_assessment_skip,
    self_assessment_submit,
    self_assessment_update,
)
from interviews.models import Round
from users.models import User

ACTIONS = ("save", "submit", "skip", "correct")


def round_feedback_save(
    *, round_id: int, user: User, action: str, data: FeedbackInput
) -> str:
    """Run the form's action; returns what to tell the person."""
    if action not in ACTIONS:
        raise ApplicationError("Unknown action; save, submit, skip or correct.")
    round_ = Round.objects.filter(pk=round_id).only("interviewer_id").first()
    if round_ is not None and round_.interviewer_id == user.pk:
        return _scorecard(round_id, user, action, data)
    return _self_assessment(round_id, user, action, data)


def _scorecard(round_id: int, user: User, action: str, data: FeedbackInput) -> str:
    if action == "correct":
        scorecard_correct(round_id=round_id, author=user)
        return "A new version is open; the one you submitted stays as it was."
    if action == "skip":
        raise ApplicationError("Only the candidate skips the self-assessment.")
    with transaction.atomic():  # bad input: no draft either
        draft = scorecard_draft(round_id=round_id, author=user)
        if draft is None:
            raise ApplicationError("Your scorecard is submitted; correct it instead.")
        scorecard_update(scorecard_id=draft.pk, author=user, data=data)
    if action == "submit":
        scorecard_submit(scorecard_id=draft.pk, author=user)
        return "Scorecard submitted."
    return "Draft saved."


def _self_assessment(round_id: int, user: User, action: str, data: FeedbackInput):
    if action == "skip":
        assessment = self_assessment_skip(round_id=round_id, author=user)
        if scorecard_submitted(assessment.round):
            return "Skipped; here is your interviewer's feedback."
        return "Skipped; you will be told when your interviewer's feedback is in."
    if action == "correct":
        raise ApplicationError("Only the interviewer corrects a scorecard.")
    with transaction.atomic():  # bad input: no draft either
        draft = self_assessment_draft(round_id=round_id, author=user)
        if draft.submitted_at is not None:
            raise ApplicationError(
                "Your self-assessment is already in; it stays as sent."
            )
        self_assessment_update(assessment_id=draft.pk, author=user, data=data)
    if action == "submit":
        self_assessment_submit(assessment_id=draft.pk, author=user)
        return "Self-assessment submitted."
    return "Draft saved."
