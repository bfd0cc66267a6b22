"""How the candidate rated the way a round was run, as each of its two people may
read it, and an interviewer's trend over their rounds on the short rubric of
feedback.round_run."""

from dataclasses import dataclass
from statistics import fmean

from django.db.models import Exists, OuterRef

from feedback.models import InterviewerFeedback, Scorecard
from feedback.permissions import (
    can_read_interviewer_feedback,
    can_write_interviewer_feedback,
)
from feedback.round_run import CRITERIA
from interviews.models import Round
from users.models import User

# The trend compares the newest rounds with the ones before them.
RECENT = 3
# As on the rest of the page: less than a third of a point on 1-4 is noise.
TREND_THRESHOLD = 0.3


@dataclass(frozen=True)
class RoundRunView:
    """What the round page shows of it: the form, the rating, or where it stands."""

    feedback: InterviewerFeedback | None = None
    can_write: bool = False
    # For the interviewer: the candidate rated the round, readable after the
    # scorecard is submitted.
    locked: bool = False

    @property
    def rows(self) -> list[dict]:
        ratings = self.feedback.ratings if self.feedback else {}
        return [
            {
                "key": each.key,
                "title": each.title,
                "levels": list(enumerate(each.levels, start=1)),
                "score": ratings.get(each.key),
                "level": each.levels[ratings[each.key] - 1]
                if each.key in ratings
                else "",
            }
            for each in CRITERIA
        ]


def round_run_view(*, user: User, round_: Round) -> RoundRunView:
    feedback = InterviewerFeedback.objects.filter(round=round_).first()
    if feedback is not None:
        if can_read_interviewer_feedback(user, feedback):
            return RoundRunView(feedback=feedback)
        return RoundRunView(locked=feedback.interviewer_id == user.pk)
    return RoundRunView(can_write=can_write_interviewer_feedback(user, round_))


def interviewer_feedback_readable(*, user: User, round_id: int):
    """The rating of how round `round_id` was run, if this person may read it."""
    feedback = (
        InterviewerFeedback.objects.filter(round_id=round_id)
        .select_related("round__session", "author", "interviewer")
        .first()
    )
    if feedback is None or not can_read_interviewer_feedback(user, feedback):
        return None
    return feedback


# The trend ------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionTrend:
    key: str
    title: str
    mean: float
    recent_mean: float | None  # the newest RECENT rounds, when there are earlier
    earlier_mean: float | None

    @property
    def direction(self) -> str:
        if self.recent_mean is None:
            return "too few rounds to tell"
        change = self.recent_mean - self.earlier_mean
        if change >= TREND_THRESHOLD:
            return "rising"
        if change <= -TREND_THRESHOLD:
            return "falling"
        return "steady"


@dataclass(frozen=True)
class InterviewerTrend:
    received: list[InterviewerFeedback]  # oldest round first
    criteria: list[CriterionTrend]

    @property
    def chart(self) -> dict:
        """The chart's data (json_script): one line per criterion."""
        return {
            "labels": [
                each.round.session.starts_at.date().isoformat()
                for each in self.received
            ],
            "series": [
                {
                    "label": criterion.title,
                    "data": [each.ratings.get(criterion.key) for each in self.received],
                }
                for criterion in CRITERIA
            ],
        }


def interviewer_trend_for(*, user: User) -> InterviewerTrend:
    """How my candidates rated the rounds I ran, once I submitted each scorecard
    (the same rule as `can_read_interviewer_feedback`, for many rows at once)."""
    submitted = Scorecard.objects.filter(
        round=OuterRef("round"), author=user, submitted_at__isnull=False
    )
    received = list(
        InterviewerFeedback.objects.filter(interviewer=user)
        .filter(Exists(submitted))
        .select_related("round__session__format", "author")
        .order_by("round__session__starts_at", "round__order")
    )
    for fb in received:
        fb.scores = [fb.ratings.get(each.key) for each in CRITERIA]
    criteria = []
    for each in CRITERIA:
        scores = [fb.ratings[each.key] for fb in received if each.key in fb.ratings]
        if not scores:
            continue
        split = len(scores) > RECENT
        criteria.append(
            CriterionTrend(
                key=each.key,
                title=each.title,
                mean=round(fmean(scores), 2),
                recent_mean=round(fmean(scores[-RECENT:]), 2) if split else None,
                earlier_mean=round(fmean(scores[:-RECENT]), 2) if split else None,
            )
        )
    return InterviewerTrend(received=received, criteria=criteria)
