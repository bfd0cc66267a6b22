"""The competencies career work is tagged with: the criteria of the current rubric
of a round kind (feedback's), by key."""

from feedback.rubrics import BUILTIN_RUBRICS
from feedback.selectors.rubrics import rubric_current
from questions.models import RoundKind


def criteria_of(kind: str) -> dict[str, str]:
    """{criterion key: title} of the kind's current rubric, in order; the built-in
    rubric's when none is in the database; empty for a kind without a rubric."""
    rubric = rubric_current(kind=kind)
    if rubric is not None:
        return {criterion.key: criterion.title for criterion in rubric.criteria.all()}
    builtin = BUILTIN_RUBRICS.get(kind)
    return {key: title for key, title, _ in builtin[1]} if builtin else {}


def behavioral_competencies() -> dict[str, str]:
    return criteria_of(RoundKind.BEHAVIORAL)
