"""The scorecards a query may count, as querysets: the blind rule of
feedback.permissions for many rows at once."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from feedback.models import Scorecard, SelfAssessment
from feedback.permissions import can_read_scorecard, can_read_self_assessment
from feedback.selectors.rounds import scorecards_with_details
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


def scorecards_for(*, user: User) -> QuerySet[Scorecard]:
    """Mine (every version, drafts too) and the current ones about me that I may
    read, newest first."""
    readable = Q(author=user) | Q(
        pk__in=scorecards_readable_as_subject(user=user).values("pk")
    )
    return scorecards_with_details(Scorecard.objects.filter(readable)).order_by(
        "-updated_at"
    )


def scorecard_readable(*, user: User, pk: int) -> Scorecard:
    """One scorecard this person may read; 404 otherwise, as if it did not exist."""
    scorecard = scorecards_with_details(Scorecard.objects.filter(pk=pk)).first()
    if scorecard is None or not can_read_scorecard(user, scorecard):
        raise Http404("No such scorecard of yours.")
    return scorecard


def _assessments() -> QuerySet[SelfAssessment]:
    return (
        SelfAssessment.objects.select_related("rubric", "author", "round")
        .prefetch_related("ratings__criterion")
        .order_by("-updated_at")
    )


def self_assessments_for(*, user: User) -> QuerySet[SelfAssessment]:
    """Mine, and my candidates' once both parts are in (`can_read_self_assessment`
    for many rows at once), newest first."""
    scorecard_in = Scorecard.objects.filter(
        round=OuterRef("round"), submitted_at__isnull=False
    )
    theirs = Q(round__interviewer=user, submitted_at__isnull=False, skipped=False) & Q(
        Exists(scorecard_in)
    )
    return _assessments().filter(Q(author=user) | theirs)


def self_assessment_readable(*, user: User, pk: int) -> SelfAssessment:
    assessment = _assessments().filter(pk=pk).first()
    if assessment is None or not can_read_self_assessment(user, assessment):
        raise Http404("No such self-assessment of yours.")
    return assessment
