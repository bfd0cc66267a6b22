"""Feedback pages: what I have to write and what I received, and one round's
feedback, where the interviewer fills the scorecard and the candidate their
self-assessment. The forms work without JavaScript; with it, drafts save as you type
through the API (static/src/feedback_form.js)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from config.errors import ApplicationError
from feedback.models import LevelSignal, Recommendation
from feedback.selectors.overview import feedback_overview_for
from feedback.selectors.rounds import round_feedback_for, round_for_feedback
from feedback.services.scorecards import (
    FeedbackInput,
    RatingInput,
    scorecard_correct,
    scorecard_draft,
    scorecard_update,
    self_assessment_draft,
    self_assessment_skip,
    self_assessment_update,
)
from interviews.models import SegmentKind

MAX_SCORE_TEXT = 2


@login_required
def feedback_overview(request):
    context = {"overview": feedback_overview_for(user=request.user)}
    return render(request, "feedback/overview.html", context)


def _score(raw: str | None) -> int | None:
    if not raw:
        return None
    if len(raw) > MAX_SCORE_TEXT or not raw.isdigit():
        raise ApplicationError("Rate with a whole number from 1 to 4.")
    return int(raw)


def _form_input(post, criteria, question_ids) -> FeedbackInput:
    def text(name):
        return post.get(name, "").replace("\r\n", "\n") if name in post else None

    return FeedbackInput(
        ratings=[
            RatingInput(
                criterion=c.key,
                score=_score(post.get(f"score-{c.key}")),
                note=post.get(f"note-{c.key}", "").replace("\r\n", "\n"),
            )
            for c in criteria
        ],
        recommendation=text("recommendation"),
        level_signal=text("level_signal"),
        strengths=text("strengths"),
        improvements=text("improvements"),
        notes=text("notes"),
        went_well=text("went_well"),
        went_badly=text("went_badly"),
        question_notes={
            pk: post.get(f"qnote-{pk}", "").replace("\r\n", "\n")
            for pk in question_ids
            if f"qnote-{pk}" in post
        },
    )


def _post(request, round_id: int) -> str:
    """Run the form's action; returns what to tell the person."""
    user, action = request.user, request.POST.get("action", "save")
    round_ = round_for_feedback(user=user, round_id=round_id)
    if round_.interviewer_id == user.pk:
        if action == "correct":
            scorecard_correct(round_id=round_id, author=user)
            return "A new version is open; the one you submitted stays as it was."
        draft = scorecard_draft(round_id=round_id, author=user)
        if draft is None:
            raise ApplicationError("Your scorecard is submitted; correct it instead.")
        data = _form_input(
            request.POST,
            list(draft.rubric.criteria.order_by("order")),
            list(draft.question_notes.values_list("round_question_id", flat=True)),
        )
        scorecard_update(
            scorecard_id=draft.pk, author=user, data=data, submit=action == "submit"
        )
        return "Scorecard submitted." if action == "submit" else "Draft saved."
    if action == "skip":
        self_assessment_skip(round_id=round_id, author=user)
        return "Skipped; here is your interviewer's feedback, when it is in."
    draft = self_assessment_draft(round_id=round_id, author=user)
    data = _form_input(request.POST, list(draft.rubric.criteria.order_by("order")), [])
    self_assessment_update(
        assessment_id=draft.pk, author=user, data=data, submit=action == "submit"
    )
    return "Self-assessment submitted." if action == "submit" else "Draft saved."


@login_required
def round_feedback(request, round_id: int):
    if request.method == "POST":
        try:
            messages.success(request, _post(request, round_id))
        except ApplicationError as error:
            messages.error(request, error.message)
            # Keep what was typed: the draft holds it, whatever failed on submit.
        return redirect("feedback-round", round_id=round_id)
    view = round_feedback_for(user=request.user, round_id=round_id)
    if view.is_open:
        # Opening the page starts the draft, prefilled with the round's facts.
        if view.role == "interviewer" and (
            view.scorecard is None or view.scorecard.submitted_at is None
        ):
            if scorecard_draft(round_id=round_id, author=request.user) is not None:
                view = round_feedback_for(user=request.user, round_id=round_id)
        elif view.role == "candidate" and view.self_assessment is None:
            self_assessment_draft(round_id=round_id, author=request.user)
            view = round_feedback_for(user=request.user, round_id=round_id)
    context = {
        "view": view,
        "kind_label": SegmentKind(view.kind).label,
        "recommendations": Recommendation.choices,
        "level_signals": LevelSignal.choices,
    }
    return render(request, "feedback/round.html", context)
