"""The interviewer's question choices for a round, from the session's page: pick
from the bank, or draw at random. The room reveals them (rooms.views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from interviews.selectors.rounds import (
    question_for_slot,
    round_get_for_user,
    segment_of,
)
from interviews.services.rounds import round_question_draw, round_question_pick
from interviews.views.session_forms import DrawForm
from questions.filters import QuestionFilters
from questions.models import Difficulty


def _slot_anchor(order: int, segment_id: int, position: int) -> str:
    return f"#slot-{order}-{segment_id}-{position}"


def _slot(request, pk: int, order: int):
    round_ = round_get_for_user(user=request.user, session_id=pk, order=order)
    segment = segment_of(session=round_.session, segment_id=_int(request, "segment"))
    return round_, segment, _int(request, "position")


def _int(request, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return -1


def _done(request, pk: int, anchor: str, *, error: str = "", success: str = ""):
    if error:
        messages.error(request, error)
    if success:
        messages.success(request, success)
    response = redirect("session-detail", pk=pk)
    response["Location"] += anchor
    return response


@login_required
@require_POST
def round_question_pick_view(request, pk: int, order: int):
    round_, segment, position = _slot(request, pk, order)
    question = question_for_slot(slug=request.POST.get("question", ""))
    anchor = _slot_anchor(order, segment.pk, position)
    try:
        round_question_pick(
            round_=round_,
            by=request.user,
            segment=segment,
            position=position,
            question=question,
        )
    except ApplicationError as error:
        return _done(request, pk, anchor, error=error.message)
    return _done(request, pk, anchor, success=f"Chosen: “{question.title}”.")


@login_required
@require_POST
def round_question_draw_view(request, pk: int, order: int):
    round_, segment, position = _slot(request, pk, order)
    anchor = _slot_anchor(order, segment.pk, position)
    form = DrawForm(request.POST)
    level = form.cleaned_data.get("difficulty") if form.is_valid() else ""
    filters = QuestionFilters(
        difficulties=(Difficulty.from_name(level).value,) if level else ()
    )
    try:
        chosen = round_question_draw(
            round_=round_,
            by=request.user,
            segment=segment,
            position=position,
            filters=filters,
        )
    except ApplicationError as error:
        return _done(request, pk, anchor, error=error.message)
    return _done(request, pk, anchor, success=f"Drawn: “{chosen.question.title}”.")
