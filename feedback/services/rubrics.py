from django.db import transaction

from feedback.models import Criterion, Rubric, Scorecard, SelfAssessment


def rubric_in_use(rubric: Rubric) -> bool:
    """Feedback was written on it: it may no longer change."""
    return (
        Scorecard.objects.filter(rubric=rubric).exists()
        or SelfAssessment.objects.filter(rubric=rubric).exists()
    )


@transaction.atomic
def rubric_new_version(*, rubric: Rubric) -> Rubric:
    """The next version of a kind's rubric, a copy of `rubric` to edit; it becomes
    the kind's current rubric, the one new feedback is written on."""
    # Locks the kind's newest row: two copies at once get versions one apart.
    newest = (
        Rubric.objects.select_for_update()
        .filter(kind=rubric.kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    copy = Rubric.objects.create(
        kind=rubric.kind, version=newest + 1, title=rubric.title
    )
    Criterion.objects.bulk_create(
        Criterion(
            rubric=copy,
            order=c.order,
            key=c.key,
            title=c.title,
            level_1=c.level_1,
            level_2=c.level_2,
            level_3=c.level_3,
            level_4=c.level_4,
        )
        for c in rubric.criteria.order_by("order")
    )
    return copy
