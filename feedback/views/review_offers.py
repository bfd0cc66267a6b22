"""The feedback page's offers to the review queue: "Add to my review queue" on one
question, or on all of them. Without JavaScript: a form, a redirect, a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.validators import is_ascii_number
from feedback.services.review_offers import review_offers_take

MAX_ID = 2**31 - 1


def _question_id(raw: str) -> int | None:
    if is_ascii_number(raw) and 0 < int(raw) <= MAX_ID:
        return int(raw)
    return None


@login_required
@require_POST
def review_offer_take(request, round_id: int):
    """POST `question` (its id) adds one; POST `all` adds every offered one. 404
    for anyone but the round's candidate, and for a question it does not offer."""
    question_id = None
    if not request.POST.get("all"):
        # Not a question the round could offer: the service answers 404.
        question_id = _question_id(request.POST.get("question", "")) or 0
    taken = review_offers_take(
        user=request.user, round_id=round_id, question_id=question_id
    )
    if taken:
        count = len(taken)
        messages.success(
            request,
            f"Added {count} question{'s' if count > 1 else ''} to your review "
            "queue: due today.",
        )
    else:
        messages.info(request, "Already in your review queue.")
    return redirect("feedback-round", round_id=round_id)
