"""After a mock round, the questions its candidate may want to review: those where
a hint was given, where the part's time ran over, or whose round the scorecard
rated below the bar on problem solving. Each comes with its reasons, and says
whether it is already in the candidate's review queue.

Only the round's candidate gets offers, only once the round is over, never for a
solo session (practising alone is not a mock), and only of questions revealed to
them. The scorecard's reason waits for the blind rule: the candidate reads it only
once they may read the scorecard."""

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from feedback.permissions import can_read_scorecard, round_feedback_open
from feedback.selectors.rounds import round_for_feedback, scorecard_current
from feedback.selectors.rubrics import round_kind
from interviews.models import Round, RoundQuestion
from interviews.services.session_rules import plan_segments
from questions.models import Progress, Question
from rooms.models import GivenHint, RoomEvent, RoomEventKind
from rooms.selectors.room import on_round_clock, round_moments
from rooms.services.room import clock_elapsed
from users.models import User

# The criterion of each kind's built-in rubric (feedback/rubrics.py) that judges
# how the candidate found the solution. Behavioural rounds have none.
PROBLEM_SOLVING = {
    "coding": "approach",
    "ml_coding": "ml_correctness",
    "design": "modelling",
    "system_design": "architecture",
    "ml_system_design": "framing",
    "ml_fundamentals": "correctness",
}
# A 2 of 4 is "reaches an idea only with strong hints": worth coming back to.
PROBLEM_SOLVING_BAR = 2


@dataclass
class ReviewOffer:
    question: Question
    reasons: list[str] = field(default_factory=list)
    queued: bool = False


def may_take_offers(user: User, round_: Round, now: dt.datetime | None = None) -> bool:
    return (
        user.is_authenticated
        and round_.candidate_id == user.pk
        and not round_.session.is_solo
        and round_feedback_open(round_, now)
    )


def round_for_offers(*, user: User, round_id: int) -> Round:
    """A round whose offers this person may take: 404 for anyone but its candidate
    (its interviewer included) and before the round is over."""
    round_ = round_for_feedback(user=user, round_id=round_id)
    if not may_take_offers(user, round_):
        raise Http404("No such round of yours.")
    return round_


def _overrun_segments(round_: Round, now: dt.datetime) -> dict[int, tuple[int, int]]:
    """Segment id -> (minutes spent, minutes planned with the time added) for each
    part of the round that ran over, from the room's clock events."""
    segments = plan_segments(
        format=round_.session.format, loop_segment=round_.session.loop_segment
    )
    events = RoomEvent.objects.filter(
        round=round_,
        kind__in=[
            RoomEventKind.START,
            RoomEventKind.SEGMENT,
            RoomEventKind.ADD_TIME,
            RoomEventKind.END,
        ],
    ).order_by("at", "pk")
    spent: dict[int, dt.timedelta] = {}
    added: dict[int, int] = {}
    index, since = 0, None
    for kind, data, elapsed in events.values_list("kind", "data", "elapsed"):
        if since is not None:
            spent[index] = spent.get(index, dt.timedelta(0)) + elapsed - since
        if kind == RoomEventKind.SEGMENT:
            index = data.get("segment", index + 1)
        elif kind == RoomEventKind.ADD_TIME:
            added[index] = added.get(index, 0) + data.get("seconds", 0)
        since = None if kind == RoomEventKind.END else elapsed
    if since is not None:
        # Never ended in the room: the part ran until the session's time was up.
        until = min(now, round_.session.ends_at)
        ran = max(clock_elapsed(round_, until) - since, dt.timedelta(0))
        spent[index] = spent.get(index, dt.timedelta(0)) + ran
    over = {}
    for position, delta in spent.items():
        if not 0 <= position < len(segments):
            continue
        planned = segments[position].minutes * 60 + added.get(position, 0)
        if delta.total_seconds() > planned:
            over[segments[position].pk] = (
                round(delta.total_seconds() / 60),
                round(planned / 60),
            )
    return over


def _problem_solving_score(user: User, round_: Round) -> int | None:
    """The problem-solving rating of the scorecard the candidate may read, if any."""
    key = PROBLEM_SOLVING.get(round_kind(round_))
    scorecard = scorecard_current(round_) if key else None
    if scorecard is None or not can_read_scorecard(user, scorecard):
        return None
    return next(
        (
            rating.score
            for rating in scorecard.ratings.all()
            if rating.criterion.key == key and rating.score is not None
        ),
        None,
    )


def _queued(user: User, question_ids: list[int], now: dt.datetime) -> set[int]:
    """Questions already in the review queue: marked, or due by the end of the
    person's day."""
    tomorrow = timezone.localdate(now, user.zone) + dt.timedelta(days=1)
    until = dt.datetime.combine(tomorrow, dt.time.min, user.zone)
    return {
        question_id
        for question_id, marked, due_at in Progress.objects.filter(
            user=user, question_id__in=question_ids
        ).values_list("question_id", "marked_for_review", "due_at")
        if marked or (due_at is not None and due_at < until)
    }


def review_offers_for(
    *, user: User, round_: Round, now: dt.datetime | None = None
) -> list[ReviewOffer]:
    """The round's questions offered to its candidate's review queue, in the order
    they were asked; empty for anyone else and before the round is over."""
    now = now or timezone.now()
    if not may_take_offers(user, round_, now):
        return []
    revealed = list(
        RoundQuestion.objects.filter(round=round_, revealed_at__isnull=False)
        .select_related("question")
        .order_by("segment__order", "position")
    )
    if not revealed:
        return []
    moments = round_moments(round_)
    hints: dict[int, list[GivenHint]] = {}
    for hint in GivenHint.objects.filter(round_question__in=revealed).order_by(
        "number"
    ):
        hints.setdefault(hint.round_question_id, []).append(hint)
    over = _overrun_segments(round_, now)
    score = _problem_solving_score(user, round_)
    offers = []
    for chosen in revealed:
        offer = ReviewOffer(question=chosen.question)
        for hint in hints.get(chosen.pk, []):
            at = on_round_clock(
                round_, hint.given_at, moments.get((chosen.pk, hint.number))
            )
            offer.reasons.append(
                f"hint {hint.number} given at {at}"
                if at
                else f"hint {hint.number} given"
            )
        if chosen.segment_id in over:
            spent, planned = over[chosen.segment_id]
            offer.reasons.append(f"time ran over ({spent} of {planned} minutes)")
        if score is not None and score <= PROBLEM_SOLVING_BAR:
            offer.reasons.append(f"problem solving rated {score}/4")
        if offer.reasons:
            offers.append(offer)
    queued = _queued(user, [offer.question.pk for offer in offers], now)
    for offer in offers:
        offer.queued = offer.question.pk in queued
    return offers
