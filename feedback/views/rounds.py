"""Feedback pages: what I have to write and what I received, and one round's
feedback, where the interviewer fills the scorecard and the candidate their
self-assessment. The forms work without JavaScript; with it, drafts save as you type
through the API (static/src/feedback_form.js)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.errors import ApplicationError
from core.validators import is_ascii_number
from feedback.models import SCALE, LevelSignal, Recommendation
from feedback.selectors.interviewer_feedback import round_run_view
from feedback.selectors.loops import loop_debriefs_for
from feedback.selectors.overview import feedback_overview_for
from feedback.selectors.review_offers import review_offers_for
from feedback.selectors.rounds import round_feedback_for, round_for_feedback
from feedback.services.ratings import FeedbackInput, RatingInput
from feedback.services.round_feedback import round_feedback_save
from interviews.models import SegmentKind
from rooms.selectors.board import round_board_elements

SCORES = {str(score): score for score in SCALE}
TEXT_FIELDS = (
    "recommendation",
    "level_signal",
    "strengths",
    "improvements",
    "notes",
    "went_well",
    "went_badly",
)


@login_required
def feedback_overview(request):
    context = {
        "overview": feedback_overview_for(user=request.user),
        "debriefs": loop_debriefs_for(user=request.user),
    }
    return render(request, "feedback/overview.html", context)


def _text(post, name: str) -> str:
    return post.get(name, "").replace("\r\n", "\n")


def _score(raw: str) -> int | None:
    if not raw:
        return None
    if raw not in SCORES:
        raise ApplicationError("Rate with a whole number from 1 to 4.")
    return SCORES[raw]


def _form_input(post) -> FeedbackInput:
    """Every criterion on the form has its note field; a rating only once chosen."""
    keys = [name[len("note-") :] for name in post if name.startswith("note-")]
    return FeedbackInput(
        ratings=[
            RatingInput(
                criterion=key,
                score=_score(post.get(f"score-{key}", "")),
                note=_text(post, f"note-{key}"),
            )
            for key in keys
        ],
        **{name: _text(post, name) if name in post else None for name in TEXT_FIELDS},
        question_notes={
            int(name[len("qnote-") :]): _text(post, name)
            for name in post
            if name.startswith("qnote-")
            and is_ascii_number(name[len("qnote-") :])
            and len(name) <= len("qnote-") + 9
        },
    )


@login_required
def round_feedback(request, round_id: int):
    if request.method == "POST":
        round_for_feedback(user=request.user, round_id=round_id)  # 404 for others
        try:
            message = round_feedback_save(
                round_id=round_id,
                user=request.user,
                action=request.POST.get("action", "save"),
                data=_form_input(request.POST),
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, message)
        return redirect("feedback-round", round_id=round_id)
    view = round_feedback_for(user=request.user, round_id=round_id)
    context = {
        "view": view,
        # The whiteboard as the round ended, drawn by the page (board_view.js).
        "board": round_board_elements(round_=view.round) if view.is_open else [],
        "kind_label": SegmentKind(view.kind).label,
        "recommendations": Recommendation.choices,
        "level_signals": LevelSignal.choices,
        # The round's questions the candidate may add to their review queue.
        "offers": review_offers_for(user=request.user, round_=view.round),
        # How the candidate rated the way the round was run (blind rule).
        "round_run": round_run_view(user=request.user, round_=view.round),
    }
    return render(request, "feedback/round.html", context)
