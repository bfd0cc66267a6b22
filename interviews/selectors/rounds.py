"""Reading rounds as one participant sees them: the question places of a round, of
which a candidate sees only the revealed ones; the interviewer's search of the bank;
and where the room stands by the schedule."""

from dataclasses import dataclass, field

from django.http import Http404

from interviews.models import ASKING_KINDS, MockSession, Round, RoundQuestion, Segment
from interviews.permissions import can_see_unrevealed_questions
from interviews.selectors.sessions import (
    RoundPlan,
    role_in,
    session_get_for_user,
    session_plan,
)
from interviews.services.session_rules import plan_segments
from questions.filters import QuestionFilters
from questions.models import Question
from questions.selectors.browse import question_filter
from users.models import User


# Questions of a round ---------------------------------------------------------------
@dataclass(frozen=True)
class QuestionSlot:
    key: str  # "round-segment-position": names the place in forms and anchors
    segment: Segment
    position: int
    chosen: bool
    # Empty for a candidate until revealed: they learn only that one was chosen.
    round_question: RoundQuestion | None = None

    @property
    def revealed(self) -> bool:
        return self.round_question is not None and bool(self.round_question.revealed_at)


@dataclass(frozen=True)
class RoundQuestions:
    round: Round
    sees_unrevealed: bool
    slots: list[QuestionSlot] = field(default_factory=list)

    @property
    def chosen_count(self) -> int:
        return sum(slot.chosen for slot in self.slots)

    @property
    def revealed_count(self) -> int:
        return sum(slot.revealed for slot in self.slots)

    @property
    def visible(self) -> list[QuestionSlot]:
        """The places whose question this person may read."""
        return [slot for slot in self.slots if slot.round_question is not None]


def round_questions_for_user(*, round_: Round, user: User) -> RoundQuestions:
    """The round's question places as this person may see them."""
    session = round_.session
    sees_all = can_see_unrevealed_questions(user, round_)
    chosen = {
        (each.segment_id, each.position): each
        for each in RoundQuestion.objects.filter(round=round_).select_related(
            "question"
        )
    }
    slots = []
    for segment in plan_segments(
        format=session.format, loop_segment=session.loop_segment
    ):
        if segment.kind not in ASKING_KINDS:
            continue
        for position in range(segment.questions):
            found = chosen.get((segment.pk, position))
            visible = found if found and (sees_all or found.revealed_at) else None
            slots.append(
                QuestionSlot(
                    key=f"{round_.order}-{segment.pk}-{position}",
                    segment=segment,
                    position=position,
                    chosen=found is not None,
                    round_question=visible,
                )
            )
    return RoundQuestions(round=round_, sees_unrevealed=sees_all, slots=slots)


@dataclass(frozen=True)
class RoundView:
    plan: RoundPlan
    role: str  # "interviewer", "candidate" or "" (a place still empty)
    questions: RoundQuestions

    @property
    def round(self) -> Round:
        return self.plan.round


def rounds_for_user(*, session: MockSession, user: User) -> list[RoundView]:
    """The session's rounds in order, each with my role and its questions as I may
    see them."""
    views = []
    for plan in session_plan(session=session):
        plan.round.session = session
        views.append(
            RoundView(
                plan=plan,
                role=role_in(plan.round, user),
                questions=round_questions_for_user(round_=plan.round, user=user),
            )
        )
    return views


def round_get_for_user(*, user: User, session_id: int, order: int) -> Round:
    session = session_get_for_user(user=user, session_id=session_id)
    round_ = next((r for r in session.rounds.all() if r.order == order), None)
    if round_ is None:
        raise Http404("No such round.")
    round_.session = session
    return round_


def round_question_get_for_user(
    *, user: User, session_id: int, round_question_id: int
) -> RoundQuestion:
    """A chosen question, only for the interviewer who chose it."""
    session = session_get_for_user(user=user, session_id=session_id)
    found = (
        RoundQuestion.objects.select_related("round", "question")
        .filter(pk=round_question_id, round__session=session)
        .first()
    )
    if found is None or not can_see_unrevealed_questions(user, found.round):
        raise Http404("No such question.")
    return found


def segment_of(*, session: MockSession, segment_id: int) -> Segment:
    for segment in plan_segments(
        format=session.format, loop_segment=session.loop_segment
    ):
        if segment.pk == segment_id:
            return segment
    raise Http404("No such part.")


def questions_for_slot(*, segment: Segment, search: str, limit: int = 20) -> list:
    """Bank questions of the part's kind whose title matches, for the picker."""
    search = " ".join(search.split())[:200]
    questions = question_filter(
        filters=QuestionFilters(kinds=(segment.kind,)), user=None
    )
    if search:
        questions = questions.filter(title__icontains=search)
    return list(questions.order_by("title")[:limit])


def picker_results(
    *, session: MockSession, user: User, slot: str, search: str
) -> list[Question]:
    """Search results for one question place ("round-segment-position"), shown only
    to that round's interviewer."""
    try:
        order, segment_id, _ = (int(part) for part in slot.split("-"))
    except ValueError:
        return []
    round_ = next((r for r in session.rounds.all() if r.order == order), None)
    if round_ is None or not can_see_unrevealed_questions(user, round_):
        return []
    segment = next(
        (
            s
            for s in plan_segments(
                format=session.format, loop_segment=session.loop_segment
            )
            if s.pk == segment_id
        ),
        None,
    )
    if segment is None or not search.strip():
        return []
    return questions_for_slot(segment=segment, search=search)


def question_for_slot(*, slug: str) -> Question:
    question = Question.objects.filter(slug=slug).first()
    if question is None:
        raise Http404("No such question.")
    return question
