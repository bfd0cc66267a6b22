"""A candidate's progress, as plain data for the page and the API: the interviewer's
scores per competency over time, the current profile, how the candidate's own
ratings compare (calibration), the three weakest competencies with the rounds and
questions behind them, and a plan for the coming week.

Only feedback the candidate may read counts: the blind rule of
`feedback.permissions.can_read_scorecard`, applied in one query rather than per row.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import mean

from django.db.models import Exists, F, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from feedback.models import ScorecardRating, SelfRating, StudyPlan
from feedback.selectors.scorecards import scorecards_readable_as_subject
from interviews.models import RoundQuestion, Segment, SegmentKind
from questions.models import Company, Progress, ProgressStatus, Question
from users.models import User

# "Current" is the mean of the last three scores: one bad day does not define a
# competency, and a month-old weakness that has since been fixed does not linger.
RECENT = 3
WEAKEST = 3
STRONGEST_AT_MOST = 3
QUESTIONS_PER_AREA = 3
ROUNDS_PER_AREA = 3
# Share of the week's hours per tier: most on what is weakest (PRODUCT.md).
TIERS = (
    ("weakest", "Weakest areas", 60),
    ("middling", "Middling areas", 30),
    ("strongest", "Strengths", 10),
)
KIND_ORDER = {kind.value: index for index, kind in enumerate(SegmentKind)}
# Competencies a person asked to practise next outside feedback, which the plan puts
# first: callables (user) -> iterable of (kind, criterion key, title), filled by the
# apps above (career's write-ups of real interview stages) when they are ready.
PLAN_FOCUS_SOURCES: list = []


@dataclass
class _Competency:
    kind: str
    key: str
    title: str
    order: int
    # (round id, day, score), oldest first.
    scores: list[tuple[int, date, int]] = field(default_factory=list)
    self_scores: dict[int, int] = field(default_factory=dict)
    # Named by a PLAN_FOCUS_SOURCES source: planned first, rated or not.
    focus: bool = False

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"

    @property
    def current(self) -> float:
        if not self.scores:  # only asked for (a focus), never rated
            return 0.0
        return _mean([score for _, _, score in self.scores[-RECENT:]])

    def calibration(self) -> dict | None:
        """Self against interviewer on the last rounds that have both."""
        pairs = [
            (self.self_scores[round_id], score)
            for round_id, _, score in self.scores
            if round_id in self.self_scores
        ][-RECENT:]
        if not pairs:
            return None
        mine = _mean([own for own, _ in pairs])
        theirs = _mean([given for _, given in pairs])
        return {
            "self": mine,
            "interviewer": theirs,
            "gap": round(mine - theirs, 2),
            "rounds": len(pairs),
        }


def _mean(values: list[int]) -> float:
    return round(mean(values), 2)


def _kind_label(kind: str) -> str:
    return SegmentKind(kind).label


def _interviewer_ratings(user: User) -> tuple[dict[str, _Competency], dict]:
    """Competencies by id with their scores, and what each round was (one query)."""
    rows = (
        ScorecardRating.objects.filter(
            scorecard__in=scorecards_readable_as_subject(user=user),
            score__isnull=False,
        )
        .annotate(
            held_at=Coalesce(
                "scorecard__round__started_at", "scorecard__round__session__starts_at"
            )
        )
        .values(
            "score",
            "held_at",
            "criterion__key",
            "criterion__title",
            "criterion__order",
            kind=F("scorecard__rubric__kind"),
            round_id=F("scorecard__round_id"),
            partner_name=F("scorecard__author__display_name"),
            partner_email=F("scorecard__author__email"),
        )
        .order_by("held_at", "round_id", "criterion__order")
    )
    competencies: dict[str, _Competency] = {}
    rounds: dict[int, dict] = {}
    for row in rows:
        # The day as the candidate lived it, in their own time zone.
        day = row["held_at"].astimezone(user.zone).date()
        competency = competencies.setdefault(
            f"{row['kind']}:{row['criterion__key']}",
            _Competency(
                kind=row["kind"],
                key=row["criterion__key"],
                title=row["criterion__title"],
                order=row["criterion__order"],
            ),
        )
        # The newest rubric's wording wins.
        competency.title = row["criterion__title"]
        competency.scores.append((row["round_id"], day, row["score"]))
        rounds[row["round_id"]] = {
            "round_id": row["round_id"],
            "date": day,
            "partner": row["partner_name"] or row["partner_email"].split("@")[0],
            "url": reverse("feedback-round", args=[row["round_id"]]),
        }
    return competencies, rounds


def _attach_self_ratings(user: User, competencies: dict[str, _Competency]) -> None:
    """The candidate's own ratings from their submitted, not skipped,
    self-assessments (one query)."""
    rows = SelfRating.objects.filter(
        self_assessment__author=user,
        self_assessment__submitted_at__isnull=False,
        self_assessment__skipped=False,
        score__isnull=False,
    ).values(
        "score",
        "criterion__key",
        kind=F("self_assessment__rubric__kind"),
        round_id=F("self_assessment__round_id"),
    )
    for row in rows:
        competency = competencies.get(f"{row['kind']}:{row['criterion__key']}")
        if competency is not None:
            competency.self_scores[row["round_id"]] = row["score"]


def _ranked(competencies: dict[str, _Competency]) -> list[_Competency]:
    """Weakest first: by current score, then by the latest score, then by how often
    it was rated (more evidence of a weakness ranks it weaker)."""
    return sorted(
        competencies.values(),
        key=lambda each: (
            each.current,
            each.scores[-1][2],
            -len(each.scores),
            KIND_ORDER.get(each.kind, 99),
            each.order,
        ),
    )


def _questions_by_round(round_ids: set[int]) -> dict[int, list[dict]]:
    """The questions the candidate was shown in these rounds (one query)."""
    asked: dict[int, list[dict]] = defaultdict(list)
    rows = (
        RoundQuestion.objects.filter(round_id__in=round_ids, revealed_at__isnull=False)
        .order_by("round_id", "segment__order", "position")
        .values("round_id", "question__slug", "question__title")
    )
    for row in rows:
        asked[row["round_id"]].append(
            {
                "title": row["question__title"],
                "url": reverse("question-detail", args=[row["question__slug"]]),
            }
        )
    return asked


def _weakest(ranked: list[_Competency], rounds: dict[int, dict]) -> list[dict]:
    weakest = ranked[:WEAKEST]
    behind: dict[str, list[tuple[int, int]]] = {}
    for competency in weakest:
        # The lowest scores first, the newest of equal ones first.
        scored = sorted(
            enumerate(competency.scores), key=lambda each: (each[1][2], -each[0])
        )
        behind[competency.id] = [
            (round_id, score) for _, (round_id, _, score) in scored[:ROUNDS_PER_AREA]
        ]
    asked = _questions_by_round(
        {round_id for pairs in behind.values() for round_id, _ in pairs}
    )
    return [
        {
            **_summary(competency),
            "rounds": [
                {**rounds[round_id], "score": score, "questions": asked[round_id]}
                for round_id, score in behind[competency.id]
            ],
        }
        for competency in weakest
    ]


def _summary(competency: _Competency) -> dict:
    return {
        "id": competency.id,
        "key": competency.key,
        "title": competency.title,
        "kind": competency.kind,
        "kind_label": _kind_label(competency.kind),
        "current": competency.current,
        "focus": competency.focus,
    }


def _tiers(ranked: list[_Competency]) -> list[tuple[str, str, int, list]]:
    """The weakest three, up to three strongest of the rest, the middle between.
    A tier left empty (too few competencies rated yet) gives its share to the
    weakest, so every hour the candidate has is planned."""
    rest = ranked[WEAKEST:]
    strongest_count = min(STRONGEST_AT_MOST, len(rest) // 2)
    split = len(rest) - strongest_count
    members = [ranked[:WEAKEST], rest[:split], rest[split:]]
    tiers = [
        [name, label, share, competencies]
        for (name, label, share), competencies in zip(TIERS, members, strict=True)
    ]
    for tier in tiers[1:]:
        if not tier[3]:
            tiers[0][2] += tier[2]
            tier[2] = 0
    return [tuple(tier) for tier in tiers if tier[3]]


def _focused_first(user: User, ranked: list[_Competency]) -> list[_Competency]:
    """The plan's order: what the person asked to practise next first (rated ones
    in their ranked order, then those never rated), then the rest, weakest first."""
    known = {competency.id: competency for competency in ranked}
    unrated: list[_Competency] = []
    for source in PLAN_FOCUS_SOURCES:
        for kind, key, title in source(user):
            competency = known.get(f"{kind}:{key}")
            if competency is None:
                competency = _Competency(kind=kind, key=key, title=title, order=0)
                known[competency.id] = competency
                unrated.append(competency)
            competency.focus = True
    focused = [c for c in ranked if c.focus] + unrated
    return focused + [c for c in ranked if not c.focus]


def _study_plan(user: User) -> tuple[int, list[Company]]:
    plan = StudyPlan.objects.filter(user=user).prefetch_related("companies").first()
    if plan is None:
        default = StudyPlan._meta.get_field("hours_per_week").default
        return default, []
    return plan.hours_per_week, sorted(plan.companies.all(), key=lambda c: c.name)


def _practice_questions(
    user: User, kind: str, companies: list[Company], count: int
) -> list[Question]:
    """Questions of a round kind the user has not solved: the target companies'
    most asked first; any company's when there are no targets or none left."""
    solved = Progress.objects.filter(
        user=user, question=OuterRef("pk"), status=ProgressStatus.SOLVED
    )
    unsolved = Question.objects.filter(kind=kind).exclude(Exists(solved))
    if companies:
        targeted = list(
            unsolved.annotate(
                asked=Max(
                    "company_tags__frequency",
                    filter=Q(company_tags__company__in=companies),
                )
            )
            .filter(asked__isnull=False)
            .order_by("-asked", "title")[:count]
        )
        if targeted:
            return targeted
    return list(
        unsolved.annotate(asked=Max("company_tags__frequency")).order_by(
            F("asked").desc(nulls_last=True), "title"
        )[:count]
    )


def _formats_by_kind(kinds: set[str]) -> dict[str, dict]:
    """A built-in format that trains each kind: the one that spends the most
    minutes on it, a single round before a loop, and a round with an interviewer
    before an online assessment, whose runnable parts leave the rubric's talk
    untrained. One query."""
    segments = (
        Segment.objects.filter(format__owner=None, kind__in=kinds)
        .select_related("format")
        .order_by("runnable", "format__is_loop", "-minutes", "format__name")
    )
    found: dict[str, dict] = {}
    for segment in segments:
        found.setdefault(
            segment.kind,
            {
                "slug": segment.format.slug,
                "name": segment.format.name,
                "url": f"{reverse('session-new')}?format={segment.format.pk}",
            },
        )
    return found


def _plan(user: User, ranked: list[_Competency]) -> dict:
    hours, companies = _study_plan(user)
    tiers = _tiers(ranked)
    per_kind: dict[str, list[_Competency]] = defaultdict(list)
    for competency in ranked:
        per_kind[competency.kind].append(competency)
    # Each competency of a kind gets its own questions where the bank has enough.
    dealt: dict[str, list[dict]] = defaultdict(list)
    for kind, members in per_kind.items():
        questions = _practice_questions(
            user, kind, companies, QUESTIONS_PER_AREA * len(members)
        )
        for index, question in enumerate(questions):
            owner = members[index % len(members)]
            dealt[owner.id].append(
                {
                    "title": question.title,
                    "url": reverse("question-detail", args=[question.slug]),
                    "difficulty": question.difficulty_label,
                }
            )
    formats = _formats_by_kind(set(per_kind))
    areas = []
    for name, label, share, members in tiers:
        tier_hours = hours * share / 100
        areas.append(
            {
                "tier": name,
                "label": label,
                "share": share,
                "hours": round(tier_hours, 1),
                "competencies": [
                    {
                        **_summary(competency),
                        "hours": round(tier_hours / len(members), 1),
                        "questions": dealt[competency.id],
                        "format": formats.get(competency.kind),
                    }
                    for competency in members
                ],
            }
        )
    return {
        "hours_per_week": hours,
        "companies": [{"id": c.pk, "name": c.name} for c in companies],
        "areas": areas,
    }


def progress_summary(*, user: User) -> dict:
    """Everything the progress page and /api/progress/summary/ show."""
    competencies, rounds = _interviewer_ratings(user)
    _attach_self_ratings(user, competencies)
    ranked = _ranked(competencies)
    ordered = sorted(
        competencies.values(),
        key=lambda each: (KIND_ORDER.get(each.kind, 99), each.order),
    )
    return {
        "has_feedback": bool(competencies),
        "rounds_count": len(rounds),
        "competencies": [
            {
                **_summary(competency),
                "scores": [
                    {"round_id": round_id, "date": day, "score": score}
                    for round_id, day, score in competency.scores
                ],
                "calibration": competency.calibration(),
            }
            for competency in ordered
        ],
        "weakest": _weakest(ranked, rounds),
        "plan": _plan(user, _focused_first(user, ranked)),
    }


def study_plan_choices(*, user: User) -> dict:
    """The study plan form: every company to aim at, and what the user chose."""
    hours, chosen = _study_plan(user)
    return {
        "companies": list(Company.objects.order_by("name").only("id", "name")),
        "hours_per_week": hours,
        "chosen": {company.pk for company in chosen},
    }
