"""Personal progress on a question: attempts, the re-review mark, and the FSRS card
that schedules the review queue."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from fsrs import Card, Rating, Scheduler

from core.errors import ApplicationError
from questions.models import (
    Attempt,
    AttemptOutcome,
    Progress,
    ProgressStatus,
    Question,
    ReviewRating,
)
from users.models import User

# An attempt at an interview question is half an hour of work, not a flash card: a
# failed or shaky attempt comes back the next day, not after FSRS's default 1 and 10
# minutes. Past the learning step FSRS's own day-based intervals apply.
REVIEW_SCHEDULER = Scheduler(
    learning_steps=(dt.timedelta(days=1),),
    relearning_steps=(dt.timedelta(days=1),),
)
MAX_MINUTES = 600
MAX_NOTE_LENGTH = 5000


def _progress_locked(*, user: User, question: Question) -> Progress:
    # Locked so that two tabs logging at once review the card one after the other.
    progress, _ = Progress.objects.select_for_update().get_or_create(
        user=user, question=question
    )
    return progress


def _status_of(progress: Progress) -> str:
    if progress.marked_for_review:
        return ProgressStatus.NEEDS_REVIEW
    latest = progress.attempts.first()
    if latest is None:
        return ProgressStatus.NEW
    if latest.outcome == AttemptOutcome.SOLVED:
        return ProgressStatus.SOLVED
    return ProgressStatus.ATTEMPTED


def _card_due(progress: Progress) -> dt.datetime | None:
    return Card.from_dict(progress.card).due if progress.card else None


@transaction.atomic
def progress_mark_for_review(
    *,
    user: User,
    question: Question,
    marked: bool = True,
    now: dt.datetime | None = None,
) -> Progress:
    """Flag a question to look at again: it joins the review queue at once.

    Unflagging hands the due date back to the FSRS card (or takes it out of the queue
    when it was never rated)."""
    now = now or timezone.now()
    progress = _progress_locked(user=user, question=question)
    progress.marked_for_review = marked
    if marked:
        progress.due_at = min(progress.due_at, now) if progress.due_at else now
    else:
        progress.due_at = _card_due(progress)
    progress.status = _status_of(progress)
    progress.save(update_fields=["marked_for_review", "due_at", "status", "updated_at"])
    return progress


def _validate_attempt(
    *,
    outcome: str,
    rating: int | None,
    minutes_planning: int | None,
    minutes_coding: int | None,
    note: str,
) -> None:
    if outcome not in AttemptOutcome.values:
        raise ApplicationError(
            "Say how the attempt went: solved, solved with help, or not solved.",
            field="outcome",
        )
    if rating is not None and rating not in ReviewRating.values:
        raise ApplicationError(
            "Rate the attempt Again, Hard, Good or Easy (1 to 4).", field="rating"
        )
    for field, minutes in (
        ("minutes_planning", minutes_planning),
        ("minutes_coding", minutes_coding),
    ):
        if minutes is not None and not 0 <= minutes <= MAX_MINUTES:
            raise ApplicationError(
                f"Minutes must be between 0 and {MAX_MINUTES}.", field=field
            )
    if len(note) > MAX_NOTE_LENGTH:
        raise ApplicationError(
            f"Keep the note under {MAX_NOTE_LENGTH} characters.", field="note"
        )


@transaction.atomic
def attempt_log(
    *,
    user: User,
    question: Question,
    outcome: str,
    rating: int | None,
    minutes_planning: int | None = None,
    minutes_coding: int | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> Attempt:
    """Record an attempt; a rating reviews the FSRS card and sets when it is due.

    An attempt is the re-review a "mark for re-review" asked for, so it clears the
    mark and lets the schedule decide when the question comes back."""
    note = note.strip()
    _validate_attempt(
        outcome=outcome,
        rating=rating,
        minutes_planning=minutes_planning,
        minutes_coding=minutes_coding,
        note=note,
    )
    # FSRS refuses datetimes in any zone but UTC.
    now = (now or timezone.now()).astimezone(dt.UTC)
    progress = _progress_locked(user=user, question=question)
    attempt = Attempt.objects.create(
        progress=progress,
        outcome=outcome,
        rating=rating,
        minutes_planning=minutes_planning,
        minutes_coding=minutes_coding,
        note=note,
    )
    progress.marked_for_review = False
    progress.last_attempt_at = now
    if rating is not None:
        card = (
            Card.from_dict(progress.card)
            if progress.card
            else Card(card_id=progress.pk, due=now)
        )
        card, _ = REVIEW_SCHEDULER.review_card(card, Rating(rating), now)
        progress.card = card.to_dict()
        progress.due_at = card.due
    else:
        progress.due_at = _card_due(progress)
    progress.status = _status_of(progress)
    progress.save(
        update_fields=[
            "marked_for_review",
            "last_attempt_at",
            "card",
            "due_at",
            "status",
            "updated_at",
        ]
    )
    return attempt
