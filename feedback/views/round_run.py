"""The candidate's form for rating how their round was run (feedback.round_run);
it works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from feedback.round_run import KEYS
from feedback.selectors.rounds import round_for_feedback
from feedback.services.interviewer_feedback import interviewer_feedback_submit

SCORES = {str(score): score for score in (1, 2, 3, 4)}


@require_POST
@login_required
def round_run_rate(request, round_id: int):
    round_for_feedback(user=request.user, round_id=round_id)  # 404 for others
    raw = {key: request.POST.get(f"run-{key}", "") for key in KEYS}
    try:
        interviewer_feedback_submit(
            round_id=round_id,
            author=request.user,
            # An unknown value stays as sent, so the service refuses it by name.
            ratings={k: SCORES.get(v, v) if v else None for k, v in raw.items()},
            comment=request.POST.get("run-comment", "").replace("\r\n", "\n"),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Thank you: your rating of the round is sent.")
    return redirect("feedback-round", round_id=round_id)
