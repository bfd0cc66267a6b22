"""The scorecards a query may count, as querysets: the blind rule of
feedback.permissions for many rows at once."""

from django.db.models import OuterRef, QuerySet, Subquery

from feedback.models import Scorecard
from users.models import User


def scorecards_current() -> QuerySet[Scorecard]:
    """Each round's current scorecard: its newest submitted version."""
    newest = (
        Scorecard.objects.filter(round=OuterRef("round"), submitted_at__isnull=False)
        .order_by("-version")
        .values("version")[:1]
    )
    return Scorecard.objects.filter(
        submitted_at__isnull=False, version=Subquery(newest)
    )


def scorecards_readable_as_subject(*, user: User) -> QuerySet[Scorecard]:
    """The current scorecards about `user` that they may read: those of rounds
    whose self-assessment is submitted or skipped (`can_read_scorecard`)."""
    return scorecards_current().filter(
        subject=user, round__self_assessment__submitted_at__isnull=False
    )
