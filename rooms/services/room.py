"""What the interviewer does in the live room: the round's clock (start, pause,
resume, add time, next part, next step, end), questions revealed and hints given,
the swap to the next round, the pad's language.

The clock is a row (Round's clock fields) changed under select_for_update. Every
command names the clock version it was sent against: a repeated or crossed command
(a double click, a second tab) finds a newer version and changes nothing. Every
change is kept as a RoomEvent with the wall clock and the round's own clock, for
the replay and the scorecard, and the room hears of it once committed.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import MockSession, Round, RoundQuestion, SessionStatus
from interviews.permissions import can_choose_questions
from interviews.services.session_rules import (
    ROOM_OPENS_BEFORE,
    plan_segments,
)
from rooms import events
from rooms.models import GivenHint, Pad, RoomEvent, RoomEventKind
from rooms.permissions import can_open_pad, can_run_round, can_use_room
from rooms.phases import phases_of
from rooms.services.pads import pad_language_set, round_pads_ensure
from users.models import User

# Each clock command, and the room event it leaves.
CLOCK_ACTIONS = {
    "start": RoomEventKind.START,
    "pause": RoomEventKind.PAUSE,
    "resume": RoomEventKind.RESUME,
    "add_time": RoomEventKind.ADD_TIME,
    "next_segment": RoomEventKind.SEGMENT,
    "next_phase": RoomEventKind.PHASE,
    "end": RoomEventKind.END,
}
MAX_ADDED_SECONDS = 30 * 60


def clock_elapsed(round_: Round, now: datetime) -> timedelta:
    """How long the round's clock has run."""
    if round_.running_since is None:
        return round_.elapsed_before
    return round_.elapsed_before + (now - round_.running_since)


def _record(
    round_: Round, kind: str, *, by: User | None, at: datetime, **data
) -> RoomEvent:
    return RoomEvent.objects.create(
        round=round_,
        kind=kind,
        at=at,
        elapsed=clock_elapsed(round_, at),
        actor=by,
        data=data,
    )


def _locked_round(round_id: int) -> Round:
    round_ = (
        Round.objects.select_for_update(of=("self",))
        .select_related("session__format", "session__loop_segment")
        .filter(pk=round_id)
        .first()
    )
    if round_ is None:
        raise ApplicationError("There is no such round.")
    return round_


def _ensure_room_open(session: MockSession, now: datetime) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise ApplicationError("This session was cancelled.")
    if session.status != SessionStatus.SCHEDULED:
        raise ApplicationError("Your partner has not accepted this session yet.")
    if now < session.starts_at - ROOM_OPENS_BEFORE:
        raise ApplicationError("The room opens 10 minutes before the start.")


def _ensure_not_ended(round_id: int, refusal: str) -> None:
    """A round's end is final: nothing more is revealed, given or changed in it.
    The round's row is locked, so an "End round" racing this command is either
    before it (and this is refused) or after it."""
    if _locked_round(round_id).ended_at is not None:
        raise ApplicationError(refusal)


def _ensure_runs_it(round_: Round, by: User) -> None:
    if not can_run_round(by, round_):
        raise ApplicationError("Only this round's interviewer runs its clock.")
    if round_.order != round_.session.current_round:
        raise ApplicationError("This is not the round the room is on.")


def _apply(round_: Round, action: str, now: datetime, seconds: int | None) -> dict:
    """Change the clock; returns what the event records. Refuses what makes no
    sense in the clock's state, with a message."""
    elapsed = clock_elapsed(round_, now)
    segments = plan_segments(
        format=round_.session.format, loop_segment=round_.session.loop_segment
    )
    if round_.ended_at is not None:
        raise ApplicationError("This round has ended.")
    if action != "start" and round_.started_at is None:
        raise ApplicationError("Start the round first.")
    if action == "start":
        if round_.started_at is not None:
            raise ApplicationError("The round has already started.")
        round_.started_at = round_.running_since = now
    elif action == "pause":
        if round_.running_since is None:
            raise ApplicationError("The clock is already paused.")
        round_.elapsed_before, round_.running_since = elapsed, None
    elif action == "resume":
        if round_.running_since is not None:
            raise ApplicationError("The clock is already running.")
        round_.running_since = now
    elif action == "add_time":
        if seconds is None or not 60 <= seconds <= MAX_ADDED_SECONDS:
            raise ApplicationError("Add between 1 and 30 minutes.", field="minutes")
        round_.added_seconds += seconds
        round_.segment_added_seconds += seconds
        return {"seconds": seconds}
    elif action == "next_segment":
        if round_.segment_index + 1 >= len(segments):
            raise ApplicationError("This is the last part; end the round instead.")
        round_.segment_index += 1
        round_.segment_started_elapsed = round_.phase_started_elapsed = elapsed
        round_.segment_added_seconds = round_.phase_index = 0
        return {"segment": round_.segment_index}
    elif action == "next_phase":
        steps = phases_of(segments[round_.segment_index].kind)
        if not steps:
            raise ApplicationError("This part has no steps to move through.")
        # After the last step the next question starts from the first again.
        round_.phase_index = (round_.phase_index + 1) % len(steps)
        round_.phase_started_elapsed = elapsed
        return {"phase": round_.phase_index}
    elif action == "end":
        round_.elapsed_before, round_.running_since = elapsed, None
        round_.ended_at = now
    return {}


def room_enter(*, session_id: int, user: User) -> None:
    """Someone opens the room: the round it is on gets its pads, the first time."""
    session = MockSession.objects.filter(pk=session_id).first()
    if session is None or not can_use_room(user, session):
        return
    current = session.rounds.filter(order=session.current_round).first()
    if current is not None:
        round_pads_ensure(round_=current)


@transaction.atomic
def round_clock_command(
    *, round_id: int, by: User, action: str, version: int, seconds: int | None = None
) -> Round:
    """Run one clock command sent against clock `version`; a command against an
    older version (a repeat, or one crossed by another) changes nothing."""
    if action not in CLOCK_ACTIONS:
        raise ApplicationError(
            f"Unknown clock action {action!r}; use " + ", ".join(CLOCK_ACTIONS) + "."
        )
    round_ = _locked_round(round_id)
    _ensure_runs_it(round_, by)
    now = timezone.now()
    _ensure_room_open(round_.session, now)
    if version != round_.clock_version:
        return round_
    data = _apply(round_, action, now, seconds)
    round_.clock_version += 1
    round_.save()
    _record(round_, CLOCK_ACTIONS[action], by=by, at=now, **data)
    events.room_changed(session_id=round_.session_id, what="clock")
    return round_


@transaction.atomic
def round_question_hint_give(
    *, round_question_id: int, by: User, number: int, opened_alone: bool = False
) -> GivenHint:
    """Show hint `number` (from 1) of a revealed question to the candidate. Giving
    it again changes nothing. Practising alone, a hint is opened only by solo
    practice, which checks the clock first (`opened_alone`); the room's command
    cannot."""
    chosen = (
        RoundQuestion.objects.select_for_update(of=("self",))
        .select_related("round__session", "question")
        .filter(pk=round_question_id)
        .first()
    )
    if chosen is None or not can_run_round(by, chosen.round):
        raise ApplicationError("Only the round's interviewer gives its hints.")
    if chosen.round.session.is_solo and not opened_alone:
        raise ApplicationError(
            "Practising alone, the hints open after the first-hint nudge, or "
            "when you give up: use the practice panel."
        )
    _ensure_room_open(chosen.round.session, timezone.now())
    _ensure_not_ended(
        chosen.round_id, "This round has ended: its hints can no longer be given."
    )
    if chosen.revealed_at is None:
        raise ApplicationError("Reveal the question before giving its hints.")
    hints = chosen.question.hints or []
    if not isinstance(number, int) or not 1 <= number <= len(hints):
        raise ApplicationError(
            f"This question has {len(hints)} hint(s); give one of them.",
            field="number",
        )
    given = GivenHint.objects.filter(round_question=chosen, number=number).first()
    if given is not None:
        return given
    now = timezone.now()
    given = GivenHint.objects.create(round_question=chosen, number=number, given_at=now)
    _record(
        chosen.round,
        RoomEventKind.HINT,
        by=by,
        at=now,
        round_question=chosen.pk,
        number=number,
    )
    events.room_changed(session_id=chosen.round.session_id, what="hint")
    return given


def round_question_revealed(*, round_question: RoundQuestion, by: User) -> None:
    """Keep the moment a question was revealed, and tell the room. Called by the
    reveal service in its transaction."""
    _record(
        round_question.round,
        RoomEventKind.REVEAL,
        by=by,
        at=round_question.revealed_at,
        round_question=round_question.pk,
    )
    events.room_changed(session_id=round_question.round.session_id, what="reveal")


@transaction.atomic
def session_swap(*, session_id: int, by: User) -> MockSession:
    """In swap mode, once the first round has ended: both move to the next round,
    roles reversed, on that round's fresh pad."""
    session = MockSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None or not can_use_room(by, session):
        raise ApplicationError("You are not part of this session.")
    _ensure_room_open(session, timezone.now())
    rounds = {r.order: r for r in session.rounds.all()}
    current = rounds.get(session.current_round)
    following = rounds.get(session.current_round + 1)
    if following is None:
        raise ApplicationError("There is no next round to swap to.")
    if current.ended_at is None:
        raise ApplicationError("End this round first; then swap.")
    session.current_round += 1
    session.save(update_fields=["current_round", "updated_at"])
    round_pads_ensure(round_=following)
    _record(following, RoomEventKind.SWAP, by=by, at=timezone.now())
    events.room_changed(session_id=session.pk, what="swap")
    return session


@transaction.atomic
def pad_language_choose(*, pad_id, by: User, language: str) -> Pad:
    pad = (
        Pad.objects.select_for_update(of=("self",))
        .select_related("round__session")
        .filter(pk=pad_id)
        .first()
    )
    if pad is None or not can_open_pad(by, pad):
        # The notes pad is its interviewer's: for anyone else it does not exist.
        raise ApplicationError("There is no such pad.")
    _ensure_not_ended(
        pad.round_id, "This round has ended: its pad's language stays as it was."
    )
    pad = pad_language_set(pad=pad, language=language)
    _record(
        pad.round, RoomEventKind.LANGUAGE, by=by, at=timezone.now(), language=language
    )
    events.room_changed(session_id=pad.round.session_id, what="language")
    return pad


@transaction.atomic
def round_question_reveal(*, round_question: RoundQuestion, by: User) -> RoundQuestion:
    round_question = (
        RoundQuestion.objects.select_for_update(of=("self",))
        .select_related("round__session")
        .get(pk=round_question.pk)
    )
    round_ = round_question.round
    session = round_.session
    if not can_choose_questions(by, round_):
        raise ApplicationError("Only the round's interviewer reveals its questions.")
    if session.status == SessionStatus.CANCELLED:
        raise ApplicationError("This session was cancelled.")
    if session.status != SessionStatus.SCHEDULED:
        raise ApplicationError("Your partner has not accepted this session yet.")
    if timezone.now() < session.starts_at - ROOM_OPENS_BEFORE:
        raise ApplicationError(
            "Reveal questions in the room; it opens 10 minutes before the start."
        )
    if round_question.revealed_at is None:
        _ensure_not_ended(
            round_.pk, "This round has ended: its questions can no longer be revealed."
        )
        round_question.revealed_at = timezone.now()
        round_question.save(update_fields=["revealed_at"])
        round_question_revealed(round_question=round_question, by=by)
    return round_question


def round_question_reveal_by_id(
    *, session_id: int, round_question_id: int, by: User
) -> RoundQuestion:
    """Reveal from the room: a question place of this session, by its id."""
    chosen = RoundQuestion.objects.filter(
        pk=round_question_id, round__session_id=session_id
    ).first()
    if chosen is None:
        raise ApplicationError("There is no such question in this session.")
    return round_question_reveal(round_question=chosen, by=by)
