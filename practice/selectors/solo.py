"""Reading solo practice: its clock's plan and nudges, the minutes it spent planning
and coding, what the room shows of it, and the rules other apps ask (who may read a
question's answers, which questions a person has seen)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import Http404
from django.urls import reverse

from core.validators import is_ascii_number
from interviews.models import Round, SegmentKind
from practice.models import DailySetItem, NudgeName, PracticeNudge, SoloPractice
from questions.models import Question
from questions.rendering import render_markdown
from rooms.models import RoomEvent, RoomEventKind
from rooms.phases import CODING_STEPS
from rooms.services.room import clock_elapsed
from users.models import User

CODING_KINDS = {SegmentKind.CODING, SegmentKind.ML_CODING}
CODE_STEP = [name for name, _ in CODING_STEPS].index("Code")
# Seed 000: without the idea after 20-30 minutes, glance at the answer; coding
# should take 5-10 minutes.
FIRST_HINT_AFTER = timedelta(minutes=25)
CODING_TOO_LONG = timedelta(minutes=10)


@dataclass(frozen=True)
class SoloPlan:
    minutes: int  # the part on the clock
    time_box: int  # minutes before the outline opens


# Coding: 30 minutes to find the idea and 10 to code (seed 000). The other kinds
# get their mock part's length, and their outline opens at its end.
SOLO_PLANS = {
    SegmentKind.CODING: SoloPlan(40, 30),
    SegmentKind.ML_CODING: SoloPlan(40, 30),
    SegmentKind.DESIGN: SoloPlan(45, 45),
    SegmentKind.SYSTEM_DESIGN: SoloPlan(45, 45),
    SegmentKind.ML_SYSTEM_DESIGN: SoloPlan(45, 45),
    SegmentKind.ML_FUNDAMENTALS: SoloPlan(15, 15),
    SegmentKind.BEHAVIORAL: SoloPlan(10, 10),
}

NUDGE_TEXT = {
    NudgeName.FIRST_HINT: "25 minutes and no code yet: take the first hint, then "
    "mark the question for re-review.",
    NudgeName.OUTLINE: "The time box is spent: glance at the outline and come "
    "back to this question later.",
    NudgeName.CODING_LONG: "Coding has taken more than 10 minutes: finish, or look "
    "at the outline and re-review it later.",
}


def solo_plan(kind: str) -> SoloPlan:
    return SOLO_PLANS.get(kind, SoloPlan(30, 30))


def clock_elapsed_now(round_: Round, now: datetime) -> timedelta:
    return clock_elapsed(round_, now)


def _nudges_of(question: Question) -> list[str]:
    if question.kind in CODING_KINDS:
        return [NudgeName.FIRST_HINT, NudgeName.OUTLINE, NudgeName.CODING_LONG]
    return [NudgeName.OUTLINE]


def nudge_is_due(name: str, *, round_: Round, question: Question, now) -> bool:
    """Whether the clock has reached a nudge: the page shows it then, and the
    server checks the same before keeping it."""
    if name not in _nudges_of(question) or round_.started_at is None:
        return False
    elapsed = clock_elapsed(round_, now)
    if name == NudgeName.FIRST_HINT:
        return elapsed >= FIRST_HINT_AFTER and round_.phase_index < CODE_STEP
    if name == NudgeName.OUTLINE:
        return elapsed >= timedelta(minutes=solo_plan(question.kind).time_box)
    return (
        round_.phase_index == CODE_STEP
        and elapsed - round_.phase_started_elapsed >= CODING_TOO_LONG
    )


def _whole_minutes(delta: timedelta) -> int:
    return round(delta.total_seconds() / 60)


def minutes_on_the_clock(round_: Round) -> tuple[int | None, int | None]:
    """Minutes planning (until the "Code" step) and coding (in it), from the
    room's events; none for kinds without those steps."""
    kind = round_.session.format.segments.values_list("kind", flat=True).first()
    if kind not in CODING_KINDS or round_.started_at is None:
        return None, None
    steps = RoomEvent.objects.filter(
        round=round_, kind__in=[RoomEventKind.PHASE, RoomEventKind.END]
    ).order_by("at", "pk")
    code_from = code_until = None
    for event in steps:
        phase = event.data.get("phase") if event.kind == RoomEventKind.PHASE else None
        if code_from is None and phase == CODE_STEP:
            code_from = event.elapsed
        elif code_from is not None and code_until is None:
            code_until = event.elapsed
    total = round_.elapsed_before
    if code_from is None:
        return _whole_minutes(total), None
    return _whole_minutes(code_from), _whole_minutes((code_until or total) - code_from)


def solo_practice_get_for_user(*, user: User, practice_id: int) -> SoloPractice:
    practice = (
        SoloPractice.objects.select_related(
            "question", "session", "attempt__progress", "daily_set_item__daily_set"
        )
        .filter(pk=practice_id, user=user)
        .first()
    )
    if practice is None:
        raise Http404("No such practice.")
    return practice


def daily_set_item_find(*, item_id: str) -> DailySetItem | None:
    """A set's item named in a form; whose it is, the start service checks."""
    if not is_ascii_number(item_id):
        return None
    return (
        DailySetItem.objects.select_related("daily_set").filter(pk=int(item_id)).first()
    )


def solo_practices_of(*, user: User, limit: int = 20) -> list[SoloPractice]:
    return list(
        SoloPractice.objects.filter(user=user)
        .select_related("question", "attempt")
        .order_by("-created_at")[:limit]
    )


def next_in_set(practice: SoloPractice):
    """The next question of the set this practice came from, not practised yet."""
    item = practice.daily_set_item
    if item is None:
        return None
    done = SoloPractice.objects.filter(
        daily_set_item__daily_set=item.daily_set, attempt__isnull=False
    ).values("daily_set_item")
    return (
        item.daily_set.items.exclude(pk__in=done)
        .exclude(pk=item.pk)
        .select_related("question")
        .order_by("position")
        .first()
    )


def solo_room_practice(round_: Round, user: User, now: datetime) -> dict | None:
    """What the room shows of a solo practice to its person: the nudges (with when
    they fall due, and whether shown), the answers opened, and where to send what
    they do. (A source of rooms.selectors.room, added when the app is ready.)"""
    practice = (
        SoloPractice.objects.select_related("question")
        .filter(session_id=round_.session_id, user=user)
        .first()
    )
    if practice is None:
        return None
    question = practice.question
    shown = set(
        PracticeNudge.objects.filter(practice=practice).values_list("name", flat=True)
    )
    outline = ""
    if practice.outline_opened_at is not None and question.solution_outline:
        outline = render_markdown(question.solution_outline)
    return {
        "id": practice.pk,
        "kind": question.kind,
        "time_box_ms": practice.time_box_minutes * 60 * 1000,
        "first_hint_ms": int(FIRST_HINT_AFTER.total_seconds() * 1000),
        "coding_long_ms": int(CODING_TOO_LONG.total_seconds() * 1000),
        "code_step": CODE_STEP if question.kind in CODING_KINDS else None,
        "nudges": [
            {"name": name, "text": NUDGE_TEXT[name], "shown": name in shown}
            for name in _nudges_of(question)
        ],
        "hints_total": len(question.hints or []),
        "answers_opened": practice.answers_opened_at is not None,
        "gave_up": practice.answers_opened_because == "gave_up",
        "outline_html": outline,
        "has_outline": bool(question.solution_outline),
        "finished": practice.attempt_id is not None,
        "urls": {
            "nudge": reverse("practice-solo-nudge", args=[practice.pk]),
            "answers": reverse("practice-solo-answers", args=[practice.pk]),
            "finish": reverse("practice-solo-finish", args=[practice.pk]),
            "page": reverse("practice-solo", args=[practice.pk]),
        },
    }


def answers_opened_alone(user: User, question: Question) -> bool | None:
    """A question's hints and outline, for someone who spent its time box on it
    alone or gave up. (A rule of questions.permissions.)"""
    if not user.is_authenticated:
        return None
    opened = SoloPractice.objects.filter(
        user=user, question=question, answers_opened_at__isnull=False
    ).exists()
    return True if opened else None


def questions_with_answers_opened(user: User) -> set[int]:
    """Questions whose answers a person opened alone: never drawn for them in a
    mock. (A source of questions.selectors.browse.)"""
    return set(
        SoloPractice.objects.filter(
            user=user, answers_opened_at__isnull=False
        ).values_list("question_id", flat=True)
    )
