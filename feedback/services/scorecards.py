"""The interviewer's scorecard of a round. Each change is one transaction that
checks everything before it writes, so a refused request leaves nothing behind.

A draft saves whatever is filled in (ratings may be empty); submitting needs every
criterion rated and a recommendation. A submitted scorecard is never changed: a
correction is a new draft version that starts as a copy.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import ApplicationError
from core.validators import TEXT_MESSAGE, has_control_characters
from feedback import events
from feedback.models import (
    LevelSignal,
    QuestionNote,
    Recommendation,
    Scorecard,
    ScorecardRating,
)
from feedback.permissions import can_write_scorecard
from feedback.selectors.rounds import round_notes_text
from feedback.services.ratings import (
    TEXT_LIMITS,
    FeedbackInput,
    check_ratings,
    check_text,
    criteria_of,
    locked_round,
    missing_ratings,
    rubric_for,
    save_ratings,
)
from interviews.models import Round, RoundQuestion
from users.models import User


def _scorecard_new(round_: Round, author: User, *, copy_of: Scorecard | None = None):
    if copy_of is None:
        scorecard = Scorecard.objects.create(
            round=round_,
            author=author,
            subject=round_.candidate,
            rubric=rubric_for(round_),
            notes=round_notes_text(round_),
        )
        # A line per question the candidate saw: one never revealed stays the
        # interviewer's, its title included.
        QuestionNote.objects.bulk_create(
            QuestionNote(scorecard=scorecard, round_question=each)
            for each in RoundQuestion.objects.filter(
                round=round_, revealed_at__isnull=False
            )
        )
        return scorecard
    scorecard = Scorecard.objects.create(
        round=round_,
        author=author,
        subject=copy_of.subject,
        rubric=copy_of.rubric,
        version=copy_of.version + 1,
        recommendation=copy_of.recommendation,
        level_signal=copy_of.level_signal,
        strengths=copy_of.strengths,
        improvements=copy_of.improvements,
        notes=copy_of.notes,
    )
    ScorecardRating.objects.bulk_create(
        ScorecardRating(
            scorecard=scorecard, criterion_id=r.criterion_id, score=r.score, note=r.note
        )
        for r in copy_of.ratings.all()
    )
    QuestionNote.objects.bulk_create(
        QuestionNote(
            scorecard=scorecard, round_question_id=n.round_question_id, text=n.text
        )
        for n in copy_of.question_notes.all()
    )
    return scorecard


def _ensure_interviewer(round_: Round, author: User) -> None:
    if not can_write_scorecard(author, round_):
        if round_.interviewer_id != author.pk:
            raise ApplicationError(
                "Only this round's interviewer writes its scorecard.", field="round"
            )
        raise ApplicationError(
            "The scorecard opens when the round has ended.", field="round"
        )


@transaction.atomic
def scorecard_draft(*, round_id: int, author: User) -> Scorecard | None:
    """The interviewer's draft for a round, made on first open and prefilled with
    the round's private notes and a line per question. None once submitted: the
    caller shows the submitted one (a correction is asked for explicitly)."""
    round_ = locked_round(round_id)
    _ensure_interviewer(round_, author)
    draft = Scorecard.objects.filter(round=round_, submitted_at__isnull=True).first()
    if draft is not None:
        return draft
    if Scorecard.objects.filter(round=round_).exists():
        return None
    return _scorecard_new(round_, author)


def _apply_scorecard(scorecard: Scorecard, data: FeedbackInput) -> None:
    criteria = criteria_of(scorecard.rubric)
    check_ratings(data.ratings, criteria)
    for name in ("strengths", "improvements", "notes"):
        check_text(name, getattr(data, name))
    if data.recommendation not in (None, "", *Recommendation.values):
        raise ApplicationError(
            "Choose a recommendation: " + ", ".join(Recommendation.labels) + ".",
            field="recommendation",
        )
    if data.level_signal not in (None, "", *LevelSignal.values):
        raise ApplicationError(
            "Choose a level signal: below, at or above the level aimed for.",
            field="level_signal",
        )
    questions = {
        note.round_question_id: note for note in scorecard.question_notes.all()
    }
    for round_question_id, text in data.question_notes.items():
        if round_question_id not in questions:
            raise ApplicationError(
                "That question was not asked in this round.", field="question_notes"
            )
        if len(text) > TEXT_LIMITS["strengths"]:
            raise ApplicationError(
                "Keep each question's note under 5000 characters.",
                field="question_notes",
            )
        if has_control_characters(text):
            raise ApplicationError(
                f"A question's note: {TEXT_MESSAGE}", field="question_notes"
            )
    # Everything checked: now write.
    for name in (
        "recommendation",
        "level_signal",
        "strengths",
        "improvements",
        "notes",
    ):
        value = getattr(data, name)
        if value is not None:
            setattr(scorecard, name, value)
    scorecard.save()
    save_ratings(ScorecardRating, "scorecard", scorecard, data.ratings, criteria)
    for round_question_id, text in data.question_notes.items():
        note = questions[round_question_id]
        if note.text != text:
            note.text = text
            note.save(update_fields=["text"])


def _submit_scorecard(scorecard: Scorecard) -> None:
    missing = missing_ratings(
        ScorecardRating, "scorecard", scorecard, criteria_of(scorecard.rubric)
    )
    if missing:
        raise ApplicationError(
            "Rate every criterion before submitting; not rated yet: "
            + ", ".join(missing)
            + ".",
            field="ratings",
        )
    if not scorecard.recommendation:
        raise ApplicationError(
            "Choose a recommendation before submitting.", field="recommendation"
        )
    scorecard.submitted_at = timezone.now()
    scorecard.save(update_fields=["submitted_at"])
    events.scorecard_submitted(scorecard=scorecard)


def _locked_draft(scorecard_id: int, author: User) -> Scorecard:
    scorecard = (
        Scorecard.objects.select_for_update(of=("self",))
        .select_related("round__session__format", "round__session__loop_segment")
        .filter(pk=scorecard_id, author=author)
        .first()
    )
    if scorecard is None:
        raise ApplicationError("There is no such scorecard of yours.")
    if scorecard.submitted_at is not None:
        raise ApplicationError(
            "A submitted scorecard is not changed; start a correction instead."
        )
    return scorecard


@transaction.atomic
def scorecard_create(
    *, round_id: int, author: User, data: FeedbackInput, submit: bool = False
) -> Scorecard:
    """A new scorecard for a round (the API's POST): refused if the round has one."""
    round_ = locked_round(round_id)
    _ensure_interviewer(round_, author)
    if Scorecard.objects.filter(round=round_).exists():
        raise ApplicationError(
            "This round already has your scorecard: change its draft, or correct the "
            "submitted one.",
            field="round",
        )
    try:
        with transaction.atomic():
            scorecard = _scorecard_new(round_, author)
    except IntegrityError:
        raise ApplicationError(
            "This round already has your scorecard.", field="round"
        ) from None
    _apply_scorecard(scorecard, data)
    if submit:
        _submit_scorecard(scorecard)
    return scorecard


@transaction.atomic
def scorecard_update(
    *, scorecard_id: int, author: User, data: FeedbackInput, submit: bool = False
) -> Scorecard:
    """Save a draft (autosave sends what changed) and, if asked, submit it: both
    or neither."""
    scorecard = _locked_draft(scorecard_id, author)
    _apply_scorecard(scorecard, data)
    if submit:
        _submit_scorecard(scorecard)
    return scorecard


@transaction.atomic
def scorecard_submit(*, scorecard_id: int, author: User) -> Scorecard:
    """Submit a saved draft (the page saves what was typed first, so a refused
    submission loses nothing)."""
    scorecard = _locked_draft(scorecard_id, author)
    _submit_scorecard(scorecard)
    return scorecard


@transaction.atomic
def scorecard_correct(*, round_id: int, author: User) -> Scorecard:
    """A new draft version copied from the submitted scorecard, which stays as it
    was; submitting the draft makes it the one the candidate reads."""
    round_ = locked_round(round_id)
    _ensure_interviewer(round_, author)
    draft = Scorecard.objects.filter(round=round_, submitted_at__isnull=True).first()
    if draft is not None:
        return draft
    latest = (
        Scorecard.objects.filter(round=round_)
        .prefetch_related("ratings", "question_notes")
        .order_by("-version")
        .first()
    )
    if latest is None:
        raise ApplicationError("There is no submitted scorecard to correct.")
    return _scorecard_new(round_, author, copy_of=latest)


# Self-assessments ------------------------------------------------------------------
