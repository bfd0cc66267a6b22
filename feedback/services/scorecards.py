"""Writing feedback on a round: the interviewer's scorecard and the candidate's
self-assessment. Each change is one transaction that checks everything before it
writes, so a refused request leaves nothing behind.

A draft saves whatever is filled in (ratings may be empty); submitting needs every
criterion rated (and, for a scorecard, a recommendation). A submitted scorecard is
never changed: a correction is a new draft version that starts as a copy.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from config.errors import ApplicationError
from feedback import events
from feedback.models import (
    SCALE,
    Criterion,
    LevelSignal,
    QuestionNote,
    Recommendation,
    Rubric,
    Scorecard,
    ScorecardRating,
    SelfAssessment,
    SelfRating,
)
from feedback.permissions import can_write_scorecard, can_write_self_assessment
from feedback.selectors.rubrics import round_kind, rubric_current
from interviews.models import PadKind, Round, RoundQuestion
from interviews.services.pads import pad_text
from users.models import User

TEXT_LIMITS = {
    "strengths": 5000,
    "improvements": 5000,
    "notes": 20000,
    "went_well": 5000,
    "went_badly": 5000,
}
NOTE_LIMIT = 2000


@dataclass
class RatingInput:
    criterion: str
    score: int | None = None
    note: str = ""


@dataclass
class FeedbackInput:
    """What a form or an API call sends; any field left out stays as it was."""

    ratings: list[RatingInput] | None = None
    recommendation: str | None = None
    level_signal: str | None = None
    strengths: str | None = None
    improvements: str | None = None
    notes: str | None = None
    went_well: str | None = None
    went_badly: str | None = None
    question_notes: dict[int, str] = field(default_factory=dict)


def _locked_round(round_id: int) -> Round:
    round_ = (
        Round.objects.select_for_update(of=("self",))
        .select_related("session__format", "session__loop_segment")
        .filter(pk=round_id)
        .first()
    )
    if round_ is None:
        raise ApplicationError("There is no such round.", field="round")
    return round_


def _rubric_for(round_: Round) -> Rubric:
    rubric = rubric_current(kind=round_kind(round_))
    if rubric is None:
        raise ApplicationError(
            "There is no rubric for this kind of round yet; ask the admin to add one."
        )
    return rubric


def _check_text(name: str, value: str | None) -> None:
    if value is not None and len(value) > TEXT_LIMITS[name]:
        raise ApplicationError(
            f"Keep {name.replace('_', ' ')} under {TEXT_LIMITS[name]} characters.",
            field=name,
        )


def _check_ratings(
    ratings: list[RatingInput] | None, criteria: dict[str, Criterion]
) -> None:
    if ratings is None:
        return
    seen = set()
    for rating in ratings:
        if rating.criterion not in criteria:
            raise ApplicationError(
                f"{rating.criterion!r} is not a criterion of this rubric; use one of "
                + ", ".join(criteria)
                + ".",
                field="ratings",
            )
        if rating.criterion in seen:
            raise ApplicationError(
                f"{criteria[rating.criterion].title} is rated twice.", field="ratings"
            )
        seen.add(rating.criterion)
        if rating.score is not None and rating.score not in SCALE:
            raise ApplicationError(
                f"Rate {criteria[rating.criterion].title} from 1 to 4, "
                f"not {rating.score}.",
                field="ratings",
            )
        if len(rating.note) > NOTE_LIMIT:
            raise ApplicationError(
                f"Keep the note on {criteria[rating.criterion].title} under "
                f"{NOTE_LIMIT} characters.",
                field="ratings",
            )


def _save_ratings(model, owner_field: str, owner, ratings, criteria) -> None:
    if ratings is None:
        return
    existing = {
        rating.criterion_id: rating
        for rating in model.objects.filter(**{owner_field: owner})
    }
    for given in ratings:
        criterion = criteria[given.criterion]
        row = existing.get(criterion.pk)
        if row is None:
            model.objects.create(
                **{owner_field: owner},
                criterion=criterion,
                score=given.score,
                note=given.note,
            )
        elif (row.score, row.note) != (given.score, given.note):
            row.score, row.note = given.score, given.note
            row.save(update_fields=["score", "note"])


def _missing_ratings(model, owner_field: str, owner, criteria) -> list[str]:
    rated = set(
        model.objects.filter(**{owner_field: owner}, score__isnull=False).values_list(
            "criterion_id", flat=True
        )
    )
    return [c.title for c in criteria.values() if c.pk not in rated]


def _criteria(rubric: Rubric) -> dict[str, Criterion]:
    return {c.key: c for c in rubric.criteria.order_by("order")}


# Scorecards ------------------------------------------------------------------------


def _notes_text(round_: Round) -> str:
    notes = round_.pads.filter(kind=PadKind.NOTES).first()
    return pad_text(pad_id=notes.pk).strip() if notes else ""


def _scorecard_new(round_: Round, author: User, *, copy_of: Scorecard | None = None):
    if copy_of is None:
        scorecard = Scorecard.objects.create(
            round=round_,
            author=author,
            subject=round_.candidate,
            rubric=_rubric_for(round_),
            notes=_notes_text(round_)[: TEXT_LIMITS["notes"]],
        )
        QuestionNote.objects.bulk_create(
            QuestionNote(scorecard=scorecard, round_question=each)
            for each in RoundQuestion.objects.filter(round=round_)
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
    round_ = _locked_round(round_id)
    _ensure_interviewer(round_, author)
    draft = Scorecard.objects.filter(round=round_, submitted_at__isnull=True).first()
    if draft is not None:
        return draft
    if Scorecard.objects.filter(round=round_).exists():
        return None
    return _scorecard_new(round_, author)


def _apply_scorecard(scorecard: Scorecard, data: FeedbackInput) -> None:
    criteria = _criteria(scorecard.rubric)
    _check_ratings(data.ratings, criteria)
    for name in ("strengths", "improvements", "notes"):
        _check_text(name, getattr(data, name))
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
    _save_ratings(ScorecardRating, "scorecard", scorecard, data.ratings, criteria)
    for round_question_id, text in data.question_notes.items():
        note = questions[round_question_id]
        if note.text != text:
            note.text = text
            note.save(update_fields=["text"])


def _submit_scorecard(scorecard: Scorecard) -> None:
    missing = _missing_ratings(
        ScorecardRating, "scorecard", scorecard, _criteria(scorecard.rubric)
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


@transaction.atomic
def scorecard_create(
    *, round_id: int, author: User, data: FeedbackInput, submit: bool = False
) -> Scorecard:
    """A new scorecard for a round (the API's POST): refused if the round has one."""
    round_ = _locked_round(round_id)
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
    """Save a draft (autosave sends what changed) and, if asked, submit it."""
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
    _apply_scorecard(scorecard, data)
    if submit:
        _submit_scorecard(scorecard)
    return scorecard


@transaction.atomic
def scorecard_correct(*, round_id: int, author: User) -> Scorecard:
    """A new draft version copied from the submitted scorecard, which stays as it
    was; submitting the draft makes it the one the candidate reads."""
    round_ = _locked_round(round_id)
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


def _ensure_candidate(round_: Round, author: User) -> None:
    if not can_write_self_assessment(author, round_):
        if round_.candidate_id != author.pk:
            raise ApplicationError(
                "Only this round's candidate writes its self-assessment.", field="round"
            )
        raise ApplicationError(
            "The self-assessment opens when the round has ended.", field="round"
        )


def _apply_self(assessment: SelfAssessment, data: FeedbackInput) -> None:
    criteria = _criteria(assessment.rubric)
    _check_ratings(data.ratings, criteria)
    for name in ("went_well", "went_badly"):
        _check_text(name, getattr(data, name))
    for name in ("went_well", "went_badly"):
        value = getattr(data, name)
        if value is not None:
            setattr(assessment, name, value)
    assessment.save()
    _save_ratings(SelfRating, "self_assessment", assessment, data.ratings, criteria)


@transaction.atomic
def self_assessment_draft(*, round_id: int, author: User) -> SelfAssessment:
    round_ = _locked_round(round_id)
    _ensure_candidate(round_, author)
    assessment = SelfAssessment.objects.filter(round=round_).first()
    if assessment is None:
        assessment = SelfAssessment.objects.create(
            round=round_, author=author, rubric=_rubric_for(round_)
        )
    return assessment


@transaction.atomic
def self_assessment_create(
    *, round_id: int, author: User, data: FeedbackInput, submit: bool = False
) -> SelfAssessment:
    round_ = _locked_round(round_id)
    _ensure_candidate(round_, author)
    if SelfAssessment.objects.filter(round=round_).exists():
        raise ApplicationError(
            "This round already has your self-assessment.", field="round"
        )
    assessment = SelfAssessment.objects.create(
        round=round_, author=author, rubric=_rubric_for(round_)
    )
    _apply_self(assessment, data)
    if submit:
        _submit_self(assessment)
    return assessment


def _submit_self(assessment: SelfAssessment) -> None:
    missing = _missing_ratings(
        SelfRating, "self_assessment", assessment, _criteria(assessment.rubric)
    )
    if missing:
        raise ApplicationError(
            "Rate yourself on every criterion before submitting (or skip the "
            "self-assessment); not rated yet: " + ", ".join(missing) + ".",
            field="ratings",
        )
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at"])
    events.self_assessment_submitted(assessment=assessment)


def _locked_assessment(assessment_id: int, author: User) -> SelfAssessment:
    assessment = (
        SelfAssessment.objects.select_for_update(of=("self",))
        .select_related("round__session")
        .filter(pk=assessment_id, author=author)
        .first()
    )
    if assessment is None:
        raise ApplicationError("There is no such self-assessment of yours.")
    if assessment.submitted_at is not None:
        raise ApplicationError("Your self-assessment is already in; it stays as sent.")
    return assessment


@transaction.atomic
def self_assessment_update(
    *, assessment_id: int, author: User, data: FeedbackInput, submit: bool = False
) -> SelfAssessment:
    assessment = _locked_assessment(assessment_id, author)
    _apply_self(assessment, data)
    if submit:
        _submit_self(assessment)
    return assessment


@transaction.atomic
def self_assessment_skip(*, round_id: int, author: User) -> SelfAssessment:
    """Read the scorecard without rating oneself: the choice is kept, and the
    ratings of a half-written draft are dropped so they never count as an answer."""
    round_ = _locked_round(round_id)
    _ensure_candidate(round_, author)
    assessment = SelfAssessment.objects.filter(round=round_).first()
    if assessment is None:
        assessment = SelfAssessment.objects.create(
            round=round_, author=author, rubric=_rubric_for(round_)
        )
    elif assessment.submitted_at is not None:
        raise ApplicationError("Your self-assessment is already in; it stays as sent.")
    assessment.ratings.all().delete()
    assessment.skipped = True
    assessment.submitted_at = timezone.now()
    assessment.save()
    return assessment
