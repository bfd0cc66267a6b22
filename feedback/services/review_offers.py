"""The candidate takes a mock's questions into their review queue: one, or all."""

import datetime as dt

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from feedback.selectors.review_offers import review_offers_for, round_for_offers
from questions.models import Question
from questions.services.progress import progress_mark_for_review
from users.models import User


@transaction.atomic
def review_offers_take(
    *,
    user: User,
    round_id: int,
    question_id: int | None = None,
    now: dt.datetime | None = None,
) -> list[Question]:
    """Mark the offered question (`question_id`), or every offered one, for review:
    due at once. A question already queued is left as it is, so a second click
    changes nothing. 404 for anyone but the round's candidate, and for a question
    the round does not offer them. Returns the questions newly queued."""
    now = now or timezone.now()
    round_ = round_for_offers(user=user, round_id=round_id)
    offers = review_offers_for(user=user, round_=round_, now=now)
    if question_id is not None:
        offers = [offer for offer in offers if offer.question.pk == question_id]
        if not offers:
            raise Http404("That question is not offered from this round.")
    taken = []
    for offer in offers:
        if not offer.queued:
            progress_mark_for_review(user=user, question=offer.question, now=now)
            taken.append(offer.question)
    return taken
