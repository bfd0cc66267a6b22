"""The live room as one participant may see it, as data: the page embeds it, and the
room socket sends it again after every change, so a reload, a second tab or a
reconnect rebuilds the whole room from the server.

Each person's view is built for them alone: a candidate's holds the statements of
revealed questions and the hints given, and nothing else of the interviewer's. No
broadcast ever carries a view; sockets are told to read theirs again.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from interviews.models import MockSession, Round, RoundQuestion, SessionStatus
from interviews.selectors.sessions import (
    partner_of,
    room_opens_at,
    session_get_for_user,
)
from interviews.services.calendars import participant_shown_name
from interviews.services.emails import when_in
from interviews.services.session_rules import plan_segments
from questions.rendering import render_markdown
from rooms.models import GivenHint, Pad, PadKind, RoomEvent, RoomEventKind
from rooms.permissions import can_open_pad, can_run_round, can_use_room
from rooms.phases import phases_in_part
from rooms.selectors.runs import round_runs_view
from rooms.services.pads import LANGUAGES
from rooms.services.room import clock_elapsed
from users.models import User

BOARD_FIRST = {"design", "system_design", "ml_system_design"}

# What a finished round's feedback link says to one of its two people, where the
# feedback stands for them ({"state": ..., "text": ...}). `feedback`, above this app,
# fills the list when it is ready (docs/architecture.md); the first answer counts.
ROUND_FEEDBACK_SOURCES: list[Callable[[Round, User], dict | None]] = []


# What a solo round shows of its practice (nudges, answers opened, where to send
# what the person does), to that person. `practice` fills it when ready.
SOLO_PRACTICE_SOURCES: list[Callable[[Round, User, datetime], dict | None]] = []


# The stories the candidate picked to tell in a round with a behavioral part, as
# each of its two people may see them. `career` fills it when ready.
ROUND_STORY_SOURCES: list[Callable[[Round, User], dict | None]] = []


def round_stories_state(round_: Round, user: User) -> dict | None:
    for source in ROUND_STORY_SOURCES:
        state = source(round_, user)
        if state is not None:
            return state
    return None


def solo_practice_state(round_: Round, user: User, now: datetime) -> dict | None:
    for source in SOLO_PRACTICE_SOURCES:
        state = source(round_, user, now)
        if state is not None:
            return state
    return None


def round_feedback_state(round_: Round, user: User) -> dict | None:
    for source in ROUND_FEEDBACK_SOURCES:
        state = source(round_, user)
        if state is not None:
            return state
    return None


def room_session_get(*, user: User, session_id: int) -> MockSession:
    """The session of a room for one of its people; 404 for anyone else."""
    return session_get_for_user(user=user, session_id=session_id)


def room_allows(*, user: User, session_id: int) -> bool:
    """Whether this person may hold the room's socket now (both accepted)."""
    session = MockSession.objects.filter(pk=session_id).first()
    return session is not None and can_use_room(user, session)


def pad_for_socket(*, user: User, pad_id) -> Pad | None:
    """The pad behind a pad socket, if this person may open it."""
    try:
        pad = Pad.objects.select_related("round__session").filter(pk=pad_id).first()
    except Exception:  # not a UUID
        return None
    if pad is None or not can_open_pad(user, pad):
        return None
    return pad


def _ms(delta) -> int:
    return int(delta.total_seconds() * 1000)


def _clock(round_: Round, now: datetime) -> dict:
    return {
        "version": round_.clock_version,
        "started_at": round_.started_at,
        "running_since": round_.running_since,
        "elapsed_ms": _ms(clock_elapsed(round_, now)),
        "elapsed_before_ms": _ms(round_.elapsed_before),
        "added_seconds": round_.added_seconds,
        "segment_index": round_.segment_index,
        "segment_started_ms": _ms(round_.segment_started_elapsed),
        "segment_added_seconds": round_.segment_added_seconds,
        "phase_index": round_.phase_index,
        "phase_started_ms": _ms(round_.phase_started_elapsed),
        "ended_at": round_.ended_at,
    }


def round_moments(round_: Round) -> dict[tuple, timedelta]:
    """When each reveal and hint happened on the round's clock (a pause stops it),
    from the room's events: (round question, hint number or 0) to the time. The
    room and the feedback pages both read them here, so they agree."""
    moments = {}
    for kind, data, elapsed in RoomEvent.objects.filter(
        round=round_, kind__in=[RoomEventKind.REVEAL, RoomEventKind.HINT]
    ).values_list("kind", "data", "elapsed"):
        number = data.get("number", 0) if kind == RoomEventKind.HINT else 0
        moments.setdefault((data.get("round_question"), number), elapsed)
    return moments


def on_round_clock(round_: Round, moment: datetime, elapsed=None) -> str:
    """minutes:seconds on the round's clock: its elapsed time from the room's event
    when there is one, else the wall clock since the start."""
    if elapsed is None:
        if round_.started_at is None:
            return ""
        elapsed = moment - round_.started_at
    seconds = max(int(elapsed.total_seconds()), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _question(
    chosen: RoundQuestion, *, interviewer: bool, given: list[tuple[int, str]]
) -> dict:
    """A question place's question as this person may read it. The candidate gets
    only revealed ones (the caller sees to that) and only the hints given."""
    question = chosen.question
    hints = list(question.hints or [])
    view = {
        "id": chosen.pk,
        "title": question.title,
        "revealed": chosen.revealed_at is not None,
        "statement_html": render_markdown(question.statement)
        if question.statement
        else "",
        "link": question.link,
        # What 'Run examples' checks (the statement shows them already).
        "examples": question.examples or None,
        "hints_given": [
            {"number": number, "text": hints[number - 1], "at": at}
            for number, at in sorted(given)
            if 0 < number <= len(hints)
        ],
    }
    if interviewer:
        view.update(
            slug=question.slug,
            difficulty=question.difficulty_label,
            hints=hints,
            solution_outline_html=render_markdown(question.solution_outline)
            if question.solution_outline
            else "",
            follow_ups=list(question.follow_ups or []),
        )
    return view


def _round_view(session: MockSession, round_: Round, user: User, now) -> dict:
    solo = session.is_solo
    # Practising alone, the person runs the clock but reads the answers only as
    # solo practice opens them (its panel), never as an interviewer would.
    interviewer = can_run_round(user, round_) and not solo
    segments = plan_segments(format=session.format, loop_segment=session.loop_segment)
    chosen = list(
        RoundQuestion.objects.filter(round=round_)
        .select_related("question", "segment")
        .order_by("segment__order", "position")
    )
    given: dict[int, list[tuple[int, str]]] = {}
    moments = round_moments(round_)
    for round_question_id, number, given_at in GivenHint.objects.filter(
        round_question__round=round_
    ).values_list("round_question_id", "number", "given_at"):
        elapsed = moments.get((round_question_id, number))
        given.setdefault(round_question_id, []).append(
            (number, on_round_clock(round_, given_at, elapsed))
        )
    pads = {pad.kind: pad for pad in Pad.objects.filter(round=round_)}
    shared, notes = pads.get(PadKind.SHARED), pads.get(PadKind.NOTES)
    board = pads.get(PadKind.BOARD)
    role = "interviewer" if interviewer else "candidate"
    if round_.candidate_id != user.pk and not interviewer:
        role = ""
    practice = solo_practice_state(round_, user, now) if solo and role else None
    if solo and role:
        role = "solo"
    return {
        "id": round_.pk,
        "order": round_.order,
        "role": role,
        # Offered once the round ends: the scorecard or the self-assessment (solo
        # practice logs an attempt instead, from its panel).
        "feedback_url": reverse("feedback-round", args=[round_.pk])
        if role and not solo
        else "",
        "practice": practice,
        "stories": round_stories_state(round_, user) if role and not solo else None,
        # What its link says: read only once the round has ended, when it shows.
        "feedback": round_feedback_state(round_, user)
        if role and not solo and round_.ended_at is not None
        else None,
        "replay_url": reverse("round-replay", args=[session.pk, round_.order])
        if role
        else "",
        "clock": _clock(round_, now),
        "segments": [
            {
                "kind": segment.kind,
                "label": segment.get_kind_display(),
                "minutes": segment.minutes,
                "questions": segment.questions,
                "phases": [
                    {"name": name, "minutes": minutes}
                    for name, minutes in phases_in_part(
                        segment.kind,
                        minutes=segment.minutes,
                        questions=segment.questions,
                    )
                ],
            }
            for segment in segments
        ],
        "questions_chosen": len(chosen),
        "questions": [
            _question(each, interviewer=interviewer, given=given.get(each.pk, []))
            for each in chosen
            if interviewer or each.revealed_at is not None
        ],
        "pad": {"id": str(shared.pk), "language": shared.language} if shared else None,
        # The notes are the interviewer's: nobody else learns even their address.
        "notes_pad": {"id": str(notes.pk)} if notes and interviewer else None,
        # Runs of the pad's code, alike for both people (rooms.selectors.runs).
        "runs": round_runs_view(round_=round_),
        # The whiteboard opens first where the round asks to design a system.
        "board_pad": {
            "id": str(board.pk),
            "first": any(s.kind in BOARD_FIRST for s in segments if s.questions),
        }
        if board
        else None,
    }


def room_view(*, session: MockSession, user: User, now: datetime | None = None) -> dict:
    """Everything the room shows to this person, ready for JSON."""
    now = now or timezone.now()
    rounds = sorted(session.rounds.all(), key=lambda each: each.order)
    current = next(
        (r for r in rounds if r.order == session.current_round),
        rounds[0] if rounds else None,
    )
    partner = partner_of(session, user)
    names = {user.pk: user.name}
    if partner is not None and partner.user_id:
        names[partner.user_id] = participant_shown_name(partner)
    return {
        "server_time": now,
        "me": {"id": user.pk, "name": user.name},
        "people": [{"id": pk, "name": name} for pk, name in names.items()],
        "session": {
            "id": session.pk,
            "title": session.format.name,
            "status": session.status,
            "usable": can_use_room(user, session),
            "swap": session.swap,
            "solo": session.is_solo,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "opens_at": room_opens_at(session),
            "call_link": session.call_link,
            "current_round": session.current_round,
            "detail_url": reverse("session-detail", args=[session.pk]),
        },
        "rounds": [
            {
                "order": each.order,
                "interviewer": names.get(each.interviewer_id, ""),
                "candidate": names.get(each.candidate_id, ""),
                "ended": each.ended_at is not None,
            }
            for each in rounds
        ],
        "round": _round_view(session, current, user, now) if current else None,
        "languages": LANGUAGES,
    }


def room_view_for(*, user: User, session_id: int) -> dict | None:
    """The room view for a socket; None when this person may no longer be there."""
    session = (
        MockSession.objects.filter(pk=session_id)
        .select_related("format", "loop_segment")
        .prefetch_related("participants__user", "rounds")
        .first()
    )
    if session is None or not can_use_room(user, session):
        return None
    return room_view(session=session, user=user)


def room_closed_reason(*, user: User, session_id: int) -> str:
    """Why this person's room is closed, in words: who cancelled and when (in the
    reader's time zone), or that the session waits for an answer."""
    session = (
        MockSession.objects.filter(pk=session_id).select_related("cancelled_by").first()
    )
    if session is None:
        return "This session no longer exists."
    if session.status == SessionStatus.CANCELLED:
        who = "Someone"
        if session.cancelled_by_id == user.pk:
            who = "You"
        elif session.cancelled_by is not None:
            who = session.cancelled_by.name
        when = (
            f" on {when_in(user.time_zone, session.cancelled_at)}"
            if session.cancelled_at
            else ""
        )
        reason = (
            f" The reason given: “{session.cancel_reason}”"
            if session.cancel_reason
            else ""
        )
        return f"{who} cancelled this session{when}.{reason}"
    if session.status == SessionStatus.PROPOSED:
        return "The room opens once both of you have accepted the session."
    return "You are no longer part of this session."
