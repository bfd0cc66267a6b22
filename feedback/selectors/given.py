"""The interviewer's side of feedback: the scorecards I gave, what is waiting for
me to write, and whether I rate harder or softer than the other people who
interviewed the same candidates. The comparison shows aggregates only: another
interviewer's scorecard is theirs and the candidate's, never mine to read."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from statistics import fmean

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet

from feedback.models import Criterion, Rubric, Scorecard, ScorecardRating
from feedback.permissions import round_feedback_open
from feedback.selectors.scorecards import scorecards_current
from interviews.models import Round, SessionStatus
from users.models import User

# A difference in mean rating below this is noise on a 1-4 scale: a third of a
# point is one rating in three a step apart.
VERDICT_THRESHOLD = 0.3
# With one other scorecard, or one other interviewer, the "others' mean" would be
# that person's own ratings of the candidate.
MIN_OTHER_SCORECARDS = 2
MIN_OTHER_INTERVIEWERS = 2


# Given and waiting ------------------------------------------------------------------
def scorecards_given(*, user: User) -> list[Scorecard]:
    """My current scorecards, newest round first, each with `mean_score`."""
    return list(
        scorecards_current()
        .filter(author=user)
        .select_related("round__session__format", "subject", "rubric")
        .annotate(mean_score=Avg("ratings__score"))
        .order_by("-round__session__starts_at", "-round__order")
    )


@dataclass(frozen=True)
class Waiting:
    drafts: list[Scorecard]  # started, not submitted; each with rated/criteria counts
    unwritten: list[Round]  # open for feedback, and no scorecard begun


def feedback_waiting(*, user: User, now: datetime | None = None) -> Waiting:
    drafts = (
        Scorecard.objects.filter(author=user, submitted_at__isnull=True)
        .select_related("round__session__format", "subject", "rubric")
        .annotate(
            rated=Count(
                "ratings", filter=Q(ratings__score__isnull=False), distinct=True
            ),
            criteria_count=Count("rubric__criteria", distinct=True),
        )
        .order_by("round__session__starts_at", "round__order")
    )
    # The database narrows to rounds that ran; the permission decides, so the rule
    # of when feedback opens lives in one place.
    candidates = (
        Round.objects.filter(
            interviewer=user,
            candidate__isnull=False,
            started_at__isnull=False,
            session__status=SessionStatus.SCHEDULED,
        )
        .filter(~Exists(Scorecard.objects.filter(round=OuterRef("pk"))))
        .select_related("session__format", "candidate")
        .order_by("session__starts_at", "order")
    )
    return Waiting(
        drafts=list(drafts),
        unwritten=[each for each in candidates if round_feedback_open(each, now)],
    )


# Harsh or lenient -------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """My ratings of one competency against other interviewers' ratings of the
    same candidates. Each shared candidate weighs the same on both sides, so one
    candidate interviewed often does not tilt the means."""

    kind: str
    kind_label: str
    key: str
    title: str
    my_ratings: int
    other_ratings: int
    other_scorecards: int
    other_interviewers: int
    candidates: int
    my_mean: float | None = None
    others_mean: float | None = None

    @property
    def shown(self) -> bool:
        return (
            self.other_scorecards >= MIN_OTHER_SCORECARDS
            and self.other_interviewers >= MIN_OTHER_INTERVIEWERS
        )

    @property
    def difference(self) -> float | None:
        if not self.shown:
            return None
        return round(self.my_mean - self.others_mean, 2)

    @property
    def difference_in_words(self) -> str:
        """The gap in half points: the page never gives the exact figure, from
        which, with my own mean, the others' ratings could be worked out."""
        if self.difference is None:
            return ""
        halves = max(1, round(abs(self.difference) * 2))
        points, half = divmod(halves, 2)
        if points == 0:
            return "half a point"
        return (
            f"{points}{' and a half' if half else ''} point{'s' if halves > 2 else ''}"
        )

    @property
    def verdict(self) -> str:
        if self.difference is None:
            return ""
        if self.difference <= -VERDICT_THRESHOLD:
            return "harsher"
        if self.difference >= VERDICT_THRESHOLD:
            return "more lenient"
        return "about the same"


@dataclass
class _Side:
    scores: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    scorecards: set[int] = field(default_factory=set)
    authors: set[int] = field(default_factory=set)


def _rows(ratings: QuerySet):
    return ratings.filter(score__isnull=False).values_list(
        "scorecard__rubric__kind",
        "criterion__key",
        "scorecard__subject_id",
        "scorecard_id",
        "scorecard__author_id",
        "score",
    )


def rating_comparison(*, user: User) -> list[Comparison]:
    """Per competency (a rubric kind's criterion key, stable across versions): my
    mean rating and the other interviewers' mean for the candidates we both rated
    in it. Only counts and means leave this function."""
    current = scorecards_current()
    mine: dict[tuple[str, str], _Side] = defaultdict(_Side)
    for kind, key, subject, _scorecard, _author, score in _rows(
        ScorecardRating.objects.filter(scorecard__in=current.filter(author=user))
    ):
        mine[kind, key].scores[subject].append(score)
    if not mine:
        return []
    subjects = {subject for side in mine.values() for subject in side.scores}
    others: dict[tuple[str, str], _Side] = defaultdict(_Side)
    for kind, key, subject, scorecard, author, score in _rows(
        ScorecardRating.objects.filter(
            scorecard__in=current.filter(subject_id__in=subjects).exclude(author=user)
        )
    ):
        if subject in mine.get((kind, key), _Side()).scores:
            side = others[kind, key]
            side.scores[subject].append(score)
            side.scorecards.add(scorecard)
            side.authors.add(author)
    titles = _competency_titles({kind for kind, _ in mine})
    labels = dict(Rubric._meta.get_field("kind").choices)
    comparisons = []
    for (kind, key), my_side in mine.items():
        other_side = others.get((kind, key), _Side())
        shared = sorted(set(my_side.scores) & set(other_side.scores))
        mine_shared = [my_side.scores[subject] for subject in shared]
        others_shared = [other_side.scores[subject] for subject in shared]
        comparison = Comparison(
            kind=kind,
            kind_label=labels.get(kind, kind),
            key=key,
            title=titles.get((kind, key), (0, key))[1],
            my_ratings=sum(len(each) for each in mine_shared),
            other_ratings=sum(len(each) for each in others_shared),
            other_scorecards=len(other_side.scorecards),
            other_interviewers=len(other_side.authors),
            candidates=len(shared),
        )
        if comparison.shown:
            comparison = replace(
                comparison,
                my_mean=_mean_of_means(mine_shared),
                others_mean=_mean_of_means(others_shared),
            )
        comparisons.append(comparison)
    return sorted(
        comparisons,
        key=lambda each: (each.kind, titles.get((each.kind, each.key), (99, ""))[0]),
    )


def _mean_of_means(scores_by_candidate: list[list[int]]) -> float:
    return round(fmean(fmean(scores) for scores in scores_by_candidate), 2)


def _competency_titles(kinds: set[str]) -> dict[tuple[str, str], tuple[int, str]]:
    """(kind, key) to (order, title) in the newest rubric version that has it."""
    titles: dict[tuple[str, str], tuple[int, str]] = {}
    for kind, key, order, title in (
        Criterion.objects.filter(rubric__kind__in=kinds)
        .order_by("rubric__kind", "-rubric__version", "order")
        .values_list("rubric__kind", "key", "order", "title")
    ):
        titles.setdefault((kind, key), (order, title))
    return titles


# The page ---------------------------------------------------------------------------
@dataclass(frozen=True)
class GivenPage:
    given: list[Scorecard]
    waiting: Waiting
    comparisons: list[Comparison]

    @property
    def comparisons_shown(self) -> list[Comparison]:
        return [each for each in self.comparisons if each.shown]

    @property
    def comparisons_hidden(self) -> list[Comparison]:
        return [each for each in self.comparisons if not each.shown]


def given_page_for_user(*, user: User, now: datetime | None = None) -> GivenPage:
    return GivenPage(
        given=scorecards_given(user=user),
        waiting=feedback_waiting(user=user, now=now),
        comparisons=rating_comparison(user=user),
    )
