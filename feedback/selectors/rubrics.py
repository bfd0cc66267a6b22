from django.db.models import Prefetch

from feedback.models import Criterion, Rubric
from interviews.models import ASKING_KINDS, Round, SegmentKind
from interviews.services.session_rules import round_kind as asking_kind


def round_kind(round_: Round) -> str:
    """The kind a round is judged as: the one its pad starts from (its first part
    that asks questions); coding when it has none of the rubrics' kinds."""
    kind = asking_kind(round_)
    return kind if kind in ASKING_KINDS else SegmentKind.CODING


def rubrics_current() -> list[Rubric]:
    """The newest version of each kind's rubric, criteria in order."""
    newest: dict[str, Rubric] = {}
    rubrics = Rubric.objects.prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("order"))
    ).order_by("kind", "-version")
    for rubric in rubrics:
        newest.setdefault(rubric.kind, rubric)
    return list(newest.values())


def rubric_current(*, kind: str) -> Rubric | None:
    return (
        Rubric.objects.filter(kind=kind)
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("order"))
        )
        .order_by("-version")
        .first()
    )
