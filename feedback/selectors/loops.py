"""A loop's debrief, like a hiring committee's packet: every round's scorecard side
by side by competency, the level signals, the strong and weak areas across rounds,
and a hire or no-hire roll-up by a rule the page states (docs/feedback.md).

What makes a loop: nothing is stored. A candidate's rounds in sessions of one loop
format, taken in the order they started, fill a loop one part (segment) each; a
round of a part the current loop already holds starts the next loop. A round
belongs to a loop from the moment it starts, and only rounds that started before it
decide which loop, so a loop never changes once its rounds are held. A loop is
named by its first round's id."""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from django.db.models import Q
from django.http import Http404

from feedback.models import LevelSignal, Recommendation, Scorecard, SelfAssessment
from feedback.permissions import can_read_debrief, round_feedback_open
from feedback.selectors.rounds import scorecards_with_details
from feedback.selectors.scorecards import scorecards_current
from interviews.models import Format, Round, Segment, SegmentKind, SessionStatus
from users.models import User

# Seed 002: coding rounds are the bar to pass; the system design and behavioral
# rounds decide the level. So they must say hire for the loop to say hire.
DECIDING_KINDS = (
    SegmentKind.SYSTEM_DESIGN,
    SegmentKind.ML_SYSTEM_DESIGN,
    SegmentKind.BEHAVIORAL,
)
HIRE_OR_BETTER = (Recommendation.HIRE, Recommendation.STRONG_HIRE)
# One interviewer's "no hire" is a data point, two are a pattern.
MAX_NO_HIRE = 1
# A competency's mean over the loop's rounds, on the 1-4 scale.
STRONG_AT = 3.0
WEAK_AT = 2.0
# How many of a person's (candidate, loop format) pairs the feedback page looks at.
RECENT_LOOPS = 50


def _quoted(choices) -> str:
    labels = [f"“{choice.label}”" for choice in choices]
    return " or ".join(labels) if len(labels) < 3 else ", ".join(labels)


def _lower(label: str) -> str:
    # "System design" reads "system design" mid-sentence; "ML system design" stays.
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def _kinds_in_words(kinds) -> str:
    words = [_lower(SegmentKind(kind).label) for kind in kinds]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def hire_rule_text() -> str:
    """The roll-up's rule, from the constants the roll-up reads."""
    return (
        f"Hire when no round says “{Recommendation.STRONG_NO_HIRE.label}”, at most "
        f"{MAX_NO_HIRE} round{'s say' if MAX_NO_HIRE > 1 else ' says'} "
        f"“{Recommendation.NO_HIRE.label}”, and every "
        f"{_kinds_in_words(DECIDING_KINDS)} round says "
        f"{_quoted(HIRE_OR_BETTER)} (those rounds decide the level). Otherwise, no "
        "hire."
    )


def level_rule_text() -> str:
    kinds = _kinds_in_words(DECIDING_KINDS)
    return (
        f"Level: the signals of the {kinds} rounds. “{LevelSignal.BELOW.label}” if "
        f"any of them says below, “{LevelSignal.ABOVE.label}” if all of them say "
        f"above, “{LevelSignal.AT.label}” otherwise. A loop without such rounds reads "
        "every round's signal."
    )


def areas_rule_text() -> str:
    return (
        f"Strong: a competency whose ratings across the rounds average {STRONG_AT:g} "
        f"or more. Weak: {WEAK_AT:g} or less."
    )


# The grouping ---------------------------------------------------------------------


def _loop_rounds(*, candidate_id: int, format_id: int):
    return (
        Round.objects.filter(
            candidate_id=candidate_id,
            session__format_id=format_id,
            session__format__is_loop=True,
            session__is_solo=False,
            session__status=SessionStatus.SCHEDULED,
            session__loop_segment__isnull=False,
            started_at__isnull=False,
        )
        .select_related(
            "session__format", "session__loop_segment", "interviewer", "candidate"
        )
        .order_by("started_at", "pk")
    )


def loops_of(*, candidate_id: int, format_id: int) -> list[list[Round]]:
    """The candidate's loops of one format, each its rounds in the order started."""
    loops: list[list[Round]] = []
    parts: set[int] = set()
    for round_ in _loop_rounds(candidate_id=candidate_id, format_id=format_id):
        part = round_.session.loop_segment_id
        if not loops or part in parts:
            loops.append([])
            parts = set()
        loops[-1].append(round_)
        parts.add(part)
    return loops


# The debrief ----------------------------------------------------------------------


@dataclass
class DebriefRound:
    round: Round
    segment: Segment
    scorecard: Scorecard

    @property
    def kind(self) -> str:
        return self.segment.kind

    @property
    def kind_label(self) -> str:
        return SegmentKind(self.segment.kind).label

    @property
    def number(self) -> int:
        return self.segment.order + 1

    @property
    def decides_level(self) -> bool:
        return self.segment.kind in DECIDING_KINDS


@dataclass
class Competency:
    title: str
    scores: list[int | None]  # one per round, None where its rubric lacks it

    @property
    def mean(self) -> float:
        return round(fmean(s for s in self.scores if s is not None), 2)

    @property
    def area(self) -> str:
        if self.mean >= STRONG_AT:
            return "strong"
        if self.mean <= WEAK_AT:
            return "weak"
        return "middling"


@dataclass
class Debrief:
    id: int
    format: Format
    candidate: User
    rounds: list[DebriefRound]
    competencies: list[Competency] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)
    hire: bool = False
    level: str = ""

    @property
    def strong(self) -> list[Competency]:
        return [each for each in self.competencies if each.area == "strong"]

    @property
    def weak(self) -> list[Competency]:
        return [each for each in self.competencies if each.area == "weak"]

    @property
    def verdict(self) -> str:
        return "Hire" if self.hire else "No hire"

    @property
    def interviewers(self) -> list[User]:
        seen = {}
        for each in self.rounds:
            seen.setdefault(each.round.interviewer_id, each.round.interviewer)
        return [person for person in seen.values() if person is not None]


def _competencies(rounds: list[DebriefRound]) -> list[Competency]:
    """Criteria of the rounds' rubrics grouped by title (a rubric of another kind
    may name the same competency, such as Communication), in order of first use."""
    scores: dict[str, list[int | None]] = defaultdict(lambda: [None] * len(rounds))
    titles: dict[str, str] = {}
    for column, each in enumerate(rounds):
        for rating in each.scorecard.ratings.all():
            name = rating.criterion.title.strip().casefold()
            titles.setdefault(name, rating.criterion.title)
            scores[name][column] = rating.score
    return [
        Competency(title=titles[name], scores=scores[name])
        for name in titles
        if any(score is not None for score in scores[name])
    ]


def _roll_up(debrief: Debrief) -> None:
    said = [each.scorecard.recommendation for each in debrief.rounds]
    deciding = [each for each in debrief.rounds if each.decides_level]
    no_hires = said.count(Recommendation.NO_HIRE)
    debrief.checks = [
        (
            f"No round says “{Recommendation.STRONG_NO_HIRE.label}”",
            Recommendation.STRONG_NO_HIRE not in said,
        ),
        (
            f"At most {MAX_NO_HIRE} round says “{Recommendation.NO_HIRE.label}” "
            f"({no_hires} do{'es' if no_hires == 1 else ''})",
            no_hires <= MAX_NO_HIRE,
        ),
        (
            "Every round that decides the level says " + _quoted(HIRE_OR_BETTER),
            all(each.scorecard.recommendation in HIRE_OR_BETTER for each in deciding),
        ),
    ]
    debrief.hire = all(passed for _, passed in debrief.checks)
    signals = [each.scorecard.level_signal for each in (deciding or debrief.rounds)]
    signals = [signal for signal in signals if signal]
    if not signals:
        debrief.level = "No level signalled"
    elif LevelSignal.BELOW in signals:
        debrief.level = LevelSignal.BELOW.label
    elif all(signal == LevelSignal.ABOVE for signal in signals):
        debrief.level = LevelSignal.ABOVE.label
    else:
        debrief.level = LevelSignal.AT.label


def _debrief_if_readable(user: User, loop: list[Round]) -> Debrief | None:
    """The loop's debrief if this person may read it now; None otherwise."""
    first = loop[0]
    fmt = first.session.format
    parts = list(fmt.segments.order_by("order"))
    held = {each.session.loop_segment_id: each for each in loop}
    complete = len(held) == len(parts) and all(
        round_feedback_open(each) for each in loop
    )
    scorecards = {}
    if complete:
        scorecards = {
            each.round_id: each
            for each in scorecards_with_details(
                scorecards_current().filter(round__in=loop)
            )
        }
    answered = SelfAssessment.objects.filter(
        round__in=loop, submitted_at__isnull=False
    ).count()
    if not can_read_debrief(
        user,
        candidate_id=first.candidate_id,
        interviewer_ids={each.interviewer_id for each in loop} - {None},
        every_round_scored=complete and len(scorecards) == len(loop),
        self_assessments_answered=answered == len(loop),
    ):
        return None
    rounds = [
        DebriefRound(
            round=held[part.pk], segment=part, scorecard=scorecards[held[part.pk].pk]
        )
        for part in parts
    ]
    debrief = Debrief(id=first.pk, format=fmt, candidate=first.candidate, rounds=rounds)
    debrief.competencies = _competencies(rounds)
    _roll_up(debrief)
    return debrief


def loop_debrief_for(*, user: User, loop_id: int) -> Debrief:
    """The debrief of the loop that starts with round `loop_id`; 404 for anyone who
    may not read it (yet), as if there were none."""
    first = _loop_rounds_any().filter(pk=loop_id).first()
    if first is None:
        raise Http404("No such loop of yours.")
    for loop in loops_of(
        candidate_id=first.candidate_id, format_id=first.session.format_id
    ):
        if loop[0].pk == loop_id:
            debrief = _debrief_if_readable(user, loop)
            if debrief is not None:
                return debrief
    raise Http404("No such loop of yours.")


def _loop_rounds_any():
    return Round.objects.filter(
        candidate__isnull=False,
        session__format__is_loop=True,
        session__is_solo=False,
        session__status=SessionStatus.SCHEDULED,
        started_at__isnull=False,
    ).select_related("session")


@dataclass(frozen=True)
class DebriefLink:
    id: int
    format_name: str
    candidate_name: str
    role: str  # "candidate" or "interviewer"
    round_ids: frozenset[int]


def loop_debriefs_for(*, user: User) -> list[DebriefLink]:
    """The loops whose debrief this person may read now, newest first."""
    mine = _loop_rounds_any().filter(Q(candidate=user) | Q(interviewer=user))
    pairs = (
        mine.order_by("-started_at")
        .values_list("candidate_id", "session__format_id")
        .distinct()
    )
    links = []
    for candidate_id, format_id in list(dict.fromkeys(pairs))[:RECENT_LOOPS]:
        for loop in loops_of(candidate_id=candidate_id, format_id=format_id):
            people = {loop[0].candidate_id} | {each.interviewer_id for each in loop}
            if user.pk not in people:
                continue
            debrief = _debrief_if_readable(user, loop)
            if debrief is None:
                continue
            links.append(
                DebriefLink(
                    id=debrief.id,
                    format_name=debrief.format.name,
                    candidate_name=debrief.candidate.name,
                    role="candidate" if candidate_id == user.pk else "interviewer",
                    round_ids=frozenset(each.pk for each in loop),
                )
            )
    return sorted(links, key=lambda each: -max(each.round_ids))


def loop_debrief_link_for_session(*, user: User, session_id: int) -> DebriefLink | None:
    """The debrief of a loop one of this session's rounds belongs to, if readable."""
    rounds = set(
        Round.objects.filter(
            session_id=session_id, session__loop_segment__isnull=False
        ).values_list("pk", flat=True)
    )
    if not rounds:
        return None
    for link in loop_debriefs_for(user=user):
        if link.round_ids & rounds:
            return link
    return None
