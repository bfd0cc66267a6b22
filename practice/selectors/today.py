"""Today's set: which questions a person practises today, and why each.

Due reviews come first; the rest are questions the person has not solved (nor met
in a mock, nor has scheduled for review) that their target companies asked most in
the last six months, of the round kinds they target. Those are picked to even out
easy, medium and hard over the week: the questions of their sets and attempts of
the last seven days are counted by difficulty, and each open place goes to the most
asked question of the least practised difficulty (docs/practice.md)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from practice.models import DailySet, DailySetItem, PracticeSettings, SoloPractice
from questions.models import (
    Attempt,
    CompanyTag,
    Difficulty,
    Progress,
    ProgressStatus,
    Question,
    Window,
)
from questions.selectors.browse import SEEN_ELSEWHERE
from users.models import User

SET_SIZES = (2, 3)
WEEK = dt.timedelta(days=7)
# Enough of each company's most asked questions that every difficulty is among
# them (a quarter of a bank is hard) once solved ones are left out.
ASKED_PER_COMPANY = 20
# A question with no difficulty (hxu296's long form gives none) counts as medium:
# most interview questions are, and skipping them would leave a bank imported from
# that list with nothing to offer.
UNRATED_COUNTS_AS = Difficulty.MEDIUM
# Which difficulty a tie goes to: an empty week starts with a medium, then an easy.
PREFERENCE = (Difficulty.MEDIUM, Difficulty.EASY, Difficulty.HARD)
REASON_LENGTH = 120

DUE = "due for review"
NOT_SOLVED = "not solved yet"


@dataclass(frozen=True)
class Target:
    """What a person aims for: set size, round kinds (empty: any), companies."""

    size: int
    kinds: tuple[str, ...]
    companies: dict[int, str]


@dataclass(frozen=True)
class Pick:
    question_id: int
    difficulty: int
    reason: str


def local_day(*, user: User, now: dt.datetime) -> dt.date:
    """The person's own date: a set is theirs for their day, not the server's."""
    return timezone.localdate(now, user.zone)


def practice_target(*, user: User, create: bool = False) -> Target:
    """The person's practice settings, with the defaults when they have none (made
    when `create`, as a build does; a page only reads)."""
    if create:
        settings, _ = PracticeSettings.objects.get_or_create(user=user)
    else:
        settings = PracticeSettings.objects.filter(user=user).first()
    if settings is None:
        return Target(size=PracticeSettings().set_size, kinds=(), companies={})
    companies = dict(
        PracticeSettings.target_companies.through.objects.filter(
            practicesettings_id=user.pk
        ).values_list("company_id", "company__name")
    )
    return Target(
        size=settings.set_size,
        kinds=tuple(settings.target_kinds or ()),
        companies=companies,
    )


def effective_difficulty(difficulty: int | None) -> int:
    return difficulty or UNRATED_COUNTS_AS


def week_difficulties(*, user: User, day: dt.date, now: dt.datetime) -> Counter:
    """How many questions of each difficulty the person had in their sets of the six
    days before `day` and attempted in the last seven days (each question once)."""
    in_sets = DailySetItem.objects.filter(
        daily_set__user=user,
        daily_set__day__gte=day - dt.timedelta(days=6),
        daily_set__day__lt=day,
    ).values_list("question_id", "question__difficulty")
    attempted = Attempt.objects.filter(
        progress__user=user, created_at__gte=now - WEEK
    ).values_list("progress__question_id", "progress__question__difficulty")
    seen = dict(in_sets.order_by().union(attempted.order_by()))
    return Counter(effective_difficulty(level) for level in seen.values())


def _end_of_day(*, user: User, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, user.zone)


def _of_kinds(rows: QuerySet, kinds: tuple[str, ...], prefix: str = "") -> QuerySet:
    return rows.filter(**{f"{prefix}kind__in": kinds}) if kinds else rows


def due_picks(
    *, user: User, day: dt.date, kinds: tuple[str, ...], limit: int
) -> list[Pick]:
    """Reviews due by the end of the person's day, most overdue first."""
    due = _of_kinds(
        Progress.objects.filter(user=user, due_at__lt=_end_of_day(user=user, day=day)),
        kinds,
        "question__",
    ).order_by("due_at", "pk")[:limit]
    return [
        Pick(question_id, effective_difficulty(level), DUE)
        for question_id, level in due.values_list("question_id", "question__difficulty")
    ]


def _not_for_the_set(user: User) -> QuerySet:
    """Questions the person solved or has on their review schedule (which brings
    them back on its own day)."""
    return Progress.objects.filter(
        Q(status=ProgressStatus.SOLVED) | Q(due_at__isnull=False), user=user
    ).values("question_id")


@dataclass(frozen=True)
class Asked:
    question_id: int
    difficulty: int
    frequency: float
    company: str


def _asked_rows(target: Target, excluded: set[int]) -> QuerySet:
    tags = (
        _of_kinds(
            CompanyTag.objects.filter(window=Window.MONTHS_6),
            target.kinds,
            "question__",
        )
        .exclude(question_id__in=excluded)
        .order_by(F("frequency").desc(), "question_id")
    )
    return tags.values_list(
        "question_id", "question__difficulty", "frequency", "company__name"
    )


# The person's progress is read once (MATERIALIZED) and hashed once for every
# company; each company's rows stop at the limit.
ASKED_AT_EACH_SQL = """
WITH mine AS MATERIALIZED (
    SELECT question_id FROM questions_progress
    WHERE user_id = %(user)s AND (status = %(solved)s OR due_at IS NOT NULL)
)
SELECT top.question_id, top.difficulty, top.frequency, company.name
FROM unnest(%(companies)s::bigint[]) AS target (company_id)
JOIN questions_company AS company ON company.id = target.company_id
CROSS JOIN LATERAL (
    SELECT tag.question_id, question.difficulty, tag.frequency
    FROM questions_companytag AS tag
    JOIN questions_question AS question ON question.id = tag.question_id
    WHERE tag.company_id = target.company_id
      AND tag."window" = %(window)s
      AND (%(any_kind)s OR question.kind = ANY(%(kinds)s::text[]))
      AND NOT (tag.question_id = ANY(%(excluded)s::bigint[]))
      AND tag.question_id NOT IN (SELECT question_id FROM mine)
    ORDER BY tag.frequency DESC, tag.question_id
    LIMIT %(limit)s
) AS top
"""


def _asked_at_each(
    user: User, target: Target, excluded: set[int], companies: list[int], limit: int
) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            ASKED_AT_EACH_SQL,
            {
                "user": user.pk,
                "solved": ProgressStatus.SOLVED,
                "companies": companies,
                "window": Window.MONTHS_6,
                "any_kind": not target.kinds,
                "kinds": list(target.kinds),
                "excluded": sorted(excluded),
                "limit": limit,
            },
        )
        return cursor.fetchall()


def asked_candidates(
    *, user: User, target: Target, excluded: set[int], limit: int = ASKED_PER_COMPANY
) -> list[Asked]:
    """The target companies' most asked questions of the last six months (any
    company's when none is targeted) that the person may be given, most asked first,
    each question once with its most asking company.

    One statement. On PostgreSQL with several companies, each company's first rows
    are read in frequency order from the (company, window, -frequency) index and
    stopped after `limit` (a LATERAL join; a union of ORM slices planned and
    hashed the person's progress once per company, 30 ms for ten). Otherwise one
    ordered read: one company's index, or the (window, -frequency) index for any
    company, or all of a small SQLite bank's."""
    companies = sorted(target.companies)
    if len(companies) > 1 and connection.vendor == "postgresql":
        found = _asked_at_each(user, target, excluded, companies, limit)
    else:
        rows = _asked_rows(target, excluded).exclude(
            question_id__in=_not_for_the_set(user)
        )
        if companies:
            rows = rows.filter(company_id__in=companies)
        found = rows[: limit * max(len(companies), 2)]
    best: dict[int, Asked] = {}
    for question_id, level, frequency, company in found:
        kept = best.get(question_id)
        if kept is None or (frequency, kept.company) > (kept.frequency, company):
            best[question_id] = Asked(
                question_id, effective_difficulty(level), frequency, company
            )
    return sorted(best.values(), key=lambda each: (-each.frequency, each.question_id))


def unsolved_fallback(
    *, user: User, target: Target, excluded: set[int], limit: int
) -> list[Asked]:
    """When the companies' lists run short (a small bank): unsolved questions of the
    target kinds, most recently asked anywhere first."""
    questions = (
        _of_kinds(Question.objects.all(), target.kinds)
        .exclude(id__in=excluded)
        .exclude(id__in=_not_for_the_set(user))
        .order_by(F("last_asked_on").desc(nulls_last=True), "id")[:limit]
    )
    return [
        Asked(question_id, effective_difficulty(level), 0.0, "")
        for question_id, level in questions.values_list("id", "difficulty")
    ]


def _asked_reason(asked: Asked) -> str:
    if not asked.company:
        return NOT_SOLVED
    return (
        f"asked at {asked.company} in the last 6 months "
        f"(frequency {asked.frequency:g}/100)"
    )


def _balance_reason(level: int) -> str:
    return f"to balance difficulty ({Difficulty(level).slug})"


def _fit(reason: str) -> str:
    """Within the item's column; a long company name is what overflows."""
    if len(reason) <= REASON_LENGTH:
        return reason
    return reason[: REASON_LENGTH - 1] + "…"


def _least_practised(tally: Counter) -> int:
    return min(PREFERENCE, key=lambda level: (tally[level], PREFERENCE.index(level)))


def balance_picks(
    candidates: list[Asked], *, tally: Counter, places: int
) -> list[Pick]:
    """Fill `places` from the candidates (most asked first): each place goes to the
    most asked question of the difficulty the week has least of; when there is none
    of it, to the most asked of any."""
    left, picks = list(candidates), []
    tally = Counter(tally)
    for _ in range(places):
        if not left:
            break
        wanted = _least_practised(tally)
        chosen = next((each for each in left if each.difficulty == wanted), left[0])
        reason = _asked_reason(chosen)
        if chosen is not left[0]:
            reason = _balance_reason(chosen.difficulty) + "; " + reason
        left.remove(chosen)
        tally[chosen.difficulty] += 1
        picks.append(Pick(chosen.question_id, chosen.difficulty, _fit(reason)))
    return picks


def seen_elsewhere(user: User) -> set[int]:
    """Questions met outside practice (in mocks), which the apps above say."""
    seen: set[int] = set()
    for source in SEEN_ELSEWHERE:
        seen |= source(user)
    return seen


def todays_picks(
    *, user: User, target: Target, size: int, day: dt.date, now: dt.datetime
) -> list[Pick]:
    """The questions of a new set, in order, each with its reason."""
    picks = due_picks(user=user, day=day, kinds=target.kinds, limit=size)
    places = size - len(picks)
    if places == 0:
        return picks
    tally = week_difficulties(user=user, day=day, now=now)
    for pick in picks:
        tally[pick.difficulty] += 1
    excluded = seen_elsewhere(user) | {pick.question_id for pick in picks}
    candidates = asked_candidates(user=user, target=target, excluded=excluded)
    if len(candidates) < places:
        excluded |= {each.question_id for each in candidates}
        candidates += unsolved_fallback(
            user=user, target=target, excluded=excluded, limit=places * 3
        )
    return picks + balance_picks(candidates, tally=tally, places=places)


# The page ------------------------------------------------------------------------
@dataclass(frozen=True)
class TodayItem:
    item: DailySetItem
    question: Question
    practised: bool
    started: bool


@dataclass(frozen=True)
class TodayView:
    day: dt.date
    size: int
    daily_set: DailySet | None
    items: list[TodayItem]

    @property
    def next_item(self) -> TodayItem | None:
        return next((each for each in self.items if not each.practised), None)

    @property
    def can_build_again(self) -> bool:
        """Only before any of its questions was started in solo practice."""
        return self.daily_set is not None and not any(
            each.started for each in self.items
        )


def today_for_user(*, user: User, now: dt.datetime) -> TodayView:
    """The person's set for their today, if built, with whether each question was
    practised (a solo practice of that item that logged its attempt)."""
    day = local_day(user=user, now=now)
    size = (
        PracticeSettings.objects.filter(user=user)
        .values_list("set_size", flat=True)
        .first()
    ) or PracticeSettings().set_size
    daily_set = DailySet.objects.filter(user=user, day=day).first()
    if daily_set is None:
        return TodayView(day=day, size=size, daily_set=None, items=[])
    # The questions by their keys, not joined: a join's plan rests on statistics
    # of the set's items that a day's new rows may not have reached yet.
    items = list(daily_set.items.prefetch_related("question").order_by("position"))
    practices = SoloPractice.objects.filter(
        daily_set_item__daily_set=daily_set
    ).values_list("daily_set_item_id", "attempt_id")
    started, practised = set(), set()
    for item_id, attempt_id in practices:
        started.add(item_id)
        if attempt_id is not None:
            practised.add(item_id)
    return TodayView(
        day=day,
        size=len(items) if items else size,
        daily_set=daily_set,
        items=[
            TodayItem(item, item.question, item.pk in practised, item.pk in started)
            for item in items
        ],
    )
