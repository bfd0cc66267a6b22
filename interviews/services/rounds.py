"""The interviewer's questions for a round: pick one from the bank, or draw one at
random that the candidate has not met. The room reveals them (rooms.services.room);
until then the candidate learns only how many were chosen."""

import random
from dataclasses import replace

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import ASKING_KINDS, Round, RoundQuestion, Segment, SessionStatus
from interviews.permissions import can_choose_questions
from interviews.services.session_rules import plan_segments
from questions.filters import QuestionFilters
from questions.models import Question
from questions.selectors.browse import question_draw_random
from users.models import User


def _check_slot(*, round_: Round, by: User, segment: Segment, position: int) -> None:
    session = round_.session
    if not can_choose_questions(by, round_):
        raise ApplicationError("Only the round's interviewer chooses its questions.")
    if session.status == SessionStatus.CANCELLED:
        raise ApplicationError("This session was cancelled.")
    if session.ends_at <= timezone.now():
        raise ApplicationError("This session is over.")
    segments = plan_segments(format=session.format, loop_segment=session.loop_segment)
    if segment.pk not in {each.pk for each in segments}:
        raise ApplicationError("That part is not in this session's plan.")
    if segment.kind not in ASKING_KINDS or segment.questions == 0:
        raise ApplicationError(
            f"The {segment.get_kind_display().lower()} part has no questions to choose."
        )
    if not 0 <= position < segment.questions:
        raise ApplicationError(
            f"The {segment.get_kind_display().lower()} part has "
            f"{segment.questions} question place(s)."
        )


def _slot(round_: Round, segment: Segment, position: int) -> RoundQuestion | None:
    chosen = (
        RoundQuestion.objects.select_for_update()
        .filter(round=round_, segment=segment, position=position)
        .first()
    )
    if chosen is not None and chosen.revealed_at is not None:
        raise ApplicationError(
            "That question is already revealed; it stays for this round."
        )
    return chosen


def _used_in_session(round_: Round, *, visible_to: User | None = None) -> set[int]:
    """Questions this session uses; with `visible_to`, only those that person may
    know of (their own rounds' and revealed ones), so that a refusal never tells a
    candidate which questions wait for them."""
    used = RoundQuestion.objects.filter(round__session_id=round_.session_id)
    if visible_to is not None:
        used = used.filter(
            Q(round__interviewer=visible_to) | Q(revealed_at__isnull=False)
        )
    return set(used.values_list("question_id", flat=True))


def _fill(
    *,
    round_: Round,
    segment: Segment,
    position: int,
    question: Question,
    drawn: bool,
) -> RoundQuestion:
    chosen = _slot(round_, segment, position)
    if chosen is None:
        return RoundQuestion.objects.create(
            round=round_,
            segment=segment,
            position=position,
            question=question,
            drawn_at_random=drawn,
        )
    chosen.question, chosen.drawn_at_random = question, drawn
    chosen.save(update_fields=["question", "drawn_at_random"])
    return chosen


def _locked_round(round_: Round) -> Round:
    # One interviewer's two tabs choosing at once must not fill a place twice.
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("session__format", "session__loop_segment")
        .get(pk=round_.pk)
    )


@transaction.atomic
def round_question_pick(
    *, round_: Round, by: User, segment: Segment, position: int, question: Question
) -> RoundQuestion:
    round_ = _locked_round(round_)
    _check_slot(round_=round_, by=by, segment=segment, position=position)
    if question.kind != segment.kind:
        raise ApplicationError(
            f"This place is for a {segment.get_kind_display().lower()} question; "
            f"“{question.title}” is {question.get_kind_display().lower()}.",
            field="question",
        )
    current = RoundQuestion.objects.filter(
        round=round_, segment=segment, position=position
    ).first()
    used = _used_in_session(round_, visible_to=by) - (
        {current.question_id} if current else set()
    )
    if question.pk in used:
        raise ApplicationError(
            f"“{question.title}” is already chosen in this session.", field="question"
        )
    return _fill(
        round_=round_,
        segment=segment,
        position=position,
        question=question,
        drawn=False,
    )


@transaction.atomic
def round_question_draw(
    *,
    round_: Round,
    by: User,
    segment: Segment,
    position: int,
    filters: QuestionFilters,
    rng: random.Random | None = None,
) -> RoundQuestion:
    """A random question of the part's kind that the candidate has not solved or
    met, and that this session does not use yet; drawing again replaces it."""
    round_ = _locked_round(round_)
    _check_slot(round_=round_, by=by, segment=segment, position=position)
    if round_.candidate is None:
        raise ApplicationError(
            "Wait until your partner joins: the draw skips what they have seen."
        )
    filters = replace(filters, kinds=(segment.kind,))
    question = question_draw_random(
        filters=filters,
        candidate=round_.candidate,
        exclude_ids=_used_in_session(round_),
        rng=rng,
    )
    if question is not None:
        return _fill(
            round_=round_,
            segment=segment,
            position=position,
            question=question,
            drawn=True,
        )
    raise ApplicationError(
        f"No other {segment.get_kind_display().lower()} question is left that "
        f"{round_.candidate.name} has not solved or met. Widen the filters, or pick "
        "one yourself."
    )
