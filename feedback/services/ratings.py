"""What the scorecard and the self-assessment share: the input people send, and the
checks and writes of ratings against a rubric's criteria."""

from dataclasses import dataclass, field

from core.errors import ApplicationError
from core.validators import TEXT_MESSAGE, has_control_characters
from feedback.models import SCALE, Criterion, Rubric
from feedback.selectors.rubrics import round_kind, rubric_current
from interviews.models import Round

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


def locked_round(round_id: int) -> Round:
    round_ = (
        Round.objects.select_for_update(of=("self",))
        .select_related("session__format", "session__loop_segment")
        .filter(pk=round_id)
        .first()
    )
    if round_ is None:
        raise ApplicationError("There is no such round.", field="round")
    return round_


def rubric_for(round_: Round) -> Rubric:
    rubric = rubric_current(kind=round_kind(round_))
    if rubric is None:
        raise ApplicationError(
            "There is no rubric for this kind of round yet; ask the admin to add one."
        )
    return rubric


def check_text(name: str, value: str | None) -> None:
    if has_control_characters(value):
        raise ApplicationError(
            f"{name.replace('_', ' ').capitalize()}: {TEXT_MESSAGE}", field=name
        )
    if value is not None and len(value) > TEXT_LIMITS[name]:
        raise ApplicationError(
            f"Keep {name.replace('_', ' ')} under {TEXT_LIMITS[name]} characters.",
            field=name,
        )


def check_ratings(
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
        if has_control_characters(rating.note):
            raise ApplicationError(
                f"The note on {criteria[rating.criterion].title}: {TEXT_MESSAGE}",
                field="ratings",
            )
        if len(rating.note) > NOTE_LIMIT:
            raise ApplicationError(
                f"Keep the note on {criteria[rating.criterion].title} under "
                f"{NOTE_LIMIT} characters.",
                field="ratings",
            )


def save_ratings(model, owner_field: str, owner, ratings, criteria) -> None:
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


def missing_ratings(model, owner_field: str, owner, criteria) -> list[str]:
    rated = set(
        model.objects.filter(**{owner_field: owner}, score__isnull=False).values_list(
            "criterion_id", flat=True
        )
    )
    return [c.title for c in criteria.values() if c.pk not in rated]


def criteria_of(rubric: Rubric) -> dict[str, Criterion]:
    return {c.key: c for c in rubric.criteria.order_by("order")}


# Scorecards ------------------------------------------------------------------------
