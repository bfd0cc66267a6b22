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


# The page offers "Undo" for ten seconds after a log; the server allows a little more
# for a slow network between the click and the request.
UNDO_SHOWN = dt.timedelta(seconds=10)
UNDO_WINDOW = dt.timedelta(seconds=30)


def _progress_locked(*, user: User, question: Question) -> Progress:
    # Locked so that two tabs logging at once review the card one after the other.
    progress, _ = Progress.objects.select_for_update().get_or_create(
        user=user, question=question
    )
    return progress


def _snapshot(progress: Progress, *, created: bool) -> dict:
    """What an attempt changes on its progress, as JSON, for `attempt_undo`."""
    if created:
        return {"created": True}

    def moment(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "created": False,
        "status": progress.status,
        "marked_for_review": progress.marked_for_review,
        "card": progress.card,
        "due_at": moment(progress.due_at),
        "last_attempt_at": moment(progress.last_attempt_at),
    }


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
    # Locked so that two tabs logging at once review the card one after the other.
    progress, created = Progress.objects.select_for_update().get_or_create(
        user=user, question=question
    )
    attempt = Attempt.objects.create(
        progress=progress,
        outcome=outcome,
        rating=rating,
        minutes_planning=minutes_planning,
        minutes_coding=minutes_coding,
        note=note,
        progress_before=_snapshot(progress, created=created),
        # Kept as it is now, in the person's zone now (docs/practice.md, "Habit").
        day=timezone.localdate(now, user.zone),
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


@transaction.atomic
def attempt_undo(
    *, user: User, attempt_id: int, now: dt.datetime | None = None
) -> Question:
    """Take back an attempt just logged: the attempt goes, and the progress, its
    FSRS card and its place in the review queue are as they were before it.

    Only the latest attempt on a question, only by the person who logged it, and
    only within `UNDO_WINDOW`; a later change would otherwise be overwritten."""
    now = now or timezone.now()
    attempt = (
        Attempt.objects.select_related("progress__question")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise ApplicationError("Nothing to undo: that attempt was already undone.")
    if attempt.progress.user_id != user.pk:
        raise ApplicationError("You can only undo your own attempts.")
    progress = (
        Progress.objects.select_for_update().filter(pk=attempt.progress_id).first()
    )
    if progress is None or not progress.attempts.filter(pk=attempt.pk).exists():
        # Another request undid it while this one waited for the lock.
        raise ApplicationError("Nothing to undo: that attempt was already undone.")
    before = attempt.progress_before
    if not before or now - attempt.created_at > UNDO_WINDOW:
        raise ApplicationError("Too late to undo that attempt; it stays in your log.")
    if (
        progress.attempts.exclude(pk=attempt.pk)
        .filter(created_at__gte=attempt.created_at)
        .exists()
    ):
        raise ApplicationError(
            "A later attempt was logged after this one; undo that one first."
        )
    question = progress.question
    attempt.delete()
    if before["created"]:
        progress.delete()
        return question

    def moment(value: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(value) if value else None

    progress.status = before["status"]
    progress.marked_for_review = before["marked_for_review"]
    progress.card = before["card"]
    progress.due_at = moment(before["due_at"])
    progress.last_attempt_at = moment(before["last_attempt_at"])
    progress.save(
        update_fields=[
            "status",
            "marked_for_review",
            "card",
            "due_at",
            "last_attempt_at",
            "updated_at",
        ]
    )
    return question
