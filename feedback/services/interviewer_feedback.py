"""The candidate's rating of how their round was run (feedback.round_run). One
transaction that checks everything before it writes: refused input leaves nothing.
It is written once and whole, and touches nothing of the candidate's scores."""

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import ApplicationError
from core.validators import TEXT_MESSAGE, has_control_characters
from feedback.models import SCALE, InterviewerFeedback
from feedback.permissions import can_write_interviewer_feedback
from feedback.round_run import COMMENT_LIMIT, CRITERIA, KEYS
from feedback.services.ratings import locked_round
from users.models import User

SCALE_MESSAGE = "Rate each part with a whole number from 1 to 4."


def _clean_ratings(ratings: object) -> dict[str, int]:
    if not isinstance(ratings, Mapping):
        raise ApplicationError(SCALE_MESSAGE, field="ratings")
    unknown = [key for key in ratings if key not in KEYS]
    if unknown:
        raise ApplicationError(
            "Rate only these parts: " + ", ".join(KEYS) + ".", field="ratings"
        )
    missing = [each.title for each in CRITERIA if ratings.get(each.key) is None]
    if missing:
        raise ApplicationError(
            "Rate every part before sending; not rated yet: "
            + ", ".join(missing)
            + ".",
            field="ratings",
        )
    clean = {}
    for key in KEYS:
        score = ratings[key]
        # bool is an int to Python, and True would pass for a 1.
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCALE:
            raise ApplicationError(SCALE_MESSAGE, field="ratings")
        clean[key] = score
    return clean


def _clean_comment(comment: object) -> str:
    if not isinstance(comment, str):
        raise ApplicationError("Give the comment as text.", field="comment")
    if has_control_characters(comment):
        raise ApplicationError(f"Comment: {TEXT_MESSAGE}", field="comment")
    if len(comment) > COMMENT_LIMIT:
        raise ApplicationError(
            f"Keep the comment under {COMMENT_LIMIT} characters.", field="comment"
        )
    return comment.strip()


@transaction.atomic
def interviewer_feedback_submit(
    *, round_id: int, author: User, ratings: Mapping[str, object], comment: str = ""
) -> InterviewerFeedback:
    round_ = locked_round(round_id)
    if not can_write_interviewer_feedback(author, round_):
        if round_.candidate_id != author.pk or round_.session.is_solo:
            raise ApplicationError(
                "Only the round's candidate rates how it was run.", field="round"
            )
        raise ApplicationError(
            "You can rate how the round was run once it has ended.", field="round"
        )
    clean = _clean_ratings(ratings)
    comment = _clean_comment(comment)
    if InterviewerFeedback.objects.filter(round=round_).exists():
        raise ApplicationError(
            "You already rated how this round was run.", field="round"
        )
    try:
        with transaction.atomic():
            return InterviewerFeedback.objects.create(
                round=round_,
                author=author,
                interviewer_id=round_.interviewer_id,
                ratings=clean,
                comment=comment,
                submitted_at=timezone.now(),
            )
    except IntegrityError:
        raise ApplicationError(
            "You already rated how this round was run.", field="round"
        ) from None
