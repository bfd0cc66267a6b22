"""The live room's page (the room itself runs over its sockets: consumers.py), the
reveal from it without JavaScript, and the replay of a round once it is over."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from core.errors import ApplicationError
from interviews.selectors.rounds import round_question_get_for_user
from rooms.models import PadKind
from rooms.selectors.replay import (
    replay_round_get,
    round_pad_file,
    round_replay,
    round_replay_updates,
)
from rooms.selectors.room import room_closed_reason, room_session_get, room_view
from rooms.services.room import room_enter, round_question_reveal


@login_required
def session_room(request, pk: int):
    session = room_session_get(user=request.user, session_id=pk)
    room_enter(session_id=session.pk, user=request.user)
    view = room_view(session=session, user=request.user)
    context = {
        "session": session,
        "view": view,
        "closed_reason": ""
        if view["session"]["usable"]
        else room_closed_reason(user=request.user, session_id=session.pk),
    }
    return render(request, "rooms/room.html", context)


@login_required
@require_POST
def round_question_reveal_view(request, pk: int, question_id: int):
    chosen = round_question_get_for_user(
        user=request.user, session_id=pk, round_question_id=question_id
    )
    try:
        round_question_reveal(round_question=chosen, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Revealed: “{chosen.question.title}”.")
    return redirect("session-room", pk=pk)


@login_required
def round_replay_view(request, pk: int, order: int):
    round_ = replay_round_get(user=request.user, session_id=pk, order=order)
    context = {"round": round_, "replay": round_replay(round_=round_)}
    return render(request, "rooms/replay.html", context)


@login_required
@require_GET
@gzip_page
def round_replay_updates_view(request, pk: int, order: int):
    round_ = replay_round_get(user=request.user, session_id=pk, order=order)
    kind = PadKind.BOARD if request.GET.get("pad") == "board" else PadKind.SHARED
    response = HttpResponse(
        round_replay_updates(round_=round_, kind=kind), content_type="application/json"
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_GET
def round_replay_download_view(request, pk: int, order: int):
    round_ = replay_round_get(user=request.user, session_id=pk, order=order)
    name, text = round_pad_file(round_=round_)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-cache"
    return response
