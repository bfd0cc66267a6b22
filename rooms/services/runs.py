"""Runs of the shared pad's code. Nothing runs on the server: a browser runs the
code in a Web Worker (Python on Pyodide, JavaScript in a worker of its own) and
reports what it printed; the room keeps the report so both people see the same run
and the replay marks it. A report is a claim of its sender, checked for shape and
size, never trusted as a verdict on anything but the room's display.
"""

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import RoundQuestion
from interviews.services.session_rules import plan_segments
from rooms import events
from rooms.commands import RUN_OUTPUT
from rooms.models import RoomEventKind, RoomRun, RunExit, RunLanguage
from rooms.permissions import can_use_room
from rooms.services.room import _ensure_room_open, _locked_round, _record
from users.models import User

# Past this many runs a round keeps no more: 300 full outputs are about 20 MB.
MAX_RUNS_PER_ROUND = 300
EXAMPLE_EXITS = {RunExit.PASSED, RunExit.FAILED}


def round_part_runnable(round_) -> bool:
    """Whether the part the round is in lets its pad's code run."""
    segments = plan_segments(
        format=round_.session.format, loop_segment=round_.session.loop_segment
    )
    index = min(round_.segment_index, len(segments) - 1)
    return bool(segments) and segments[index].runnable


def _examples_checked(round_, round_question_id, passed: list[bool]):
    """The question whose examples were run, when the report names one."""
    if round_question_id is None:
        if passed:
            raise ApplicationError("Say which question's examples were run.")
        return None
    chosen = (
        RoundQuestion.objects.select_related("question")
        .filter(pk=round_question_id, round=round_)
        .first()
    )
    if chosen is None or chosen.revealed_at is None:
        raise ApplicationError("That question is not revealed in this round.")
    cases = (chosen.question.examples or {}).get("cases") or []
    if not cases:
        raise ApplicationError("That question has no examples to run.")
    if len(passed) > len(cases):
        raise ApplicationError(f"That question has {len(cases)} example(s).")
    return chosen


def _exit_checked(exit: str, passed: list[bool], chosen) -> str:
    if exit not in RunExit.values:
        raise ApplicationError(
            "Unknown exit state; use " + ", ".join(RunExit.values) + "."
        )
    if exit in EXAMPLE_EXITS:
        if chosen is None or len(passed) != len(chosen.question.examples["cases"]):
            raise ApplicationError("Report a verdict for every example.")
        if (exit == RunExit.PASSED) != all(passed):
            raise ApplicationError("Every example passes, or the run failed.")
    return exit


@transaction.atomic
def round_run_record(
    *,
    round_id: int,
    by: User,
    language: str,
    exit: str,
    duration_ms: int,
    output: str,
    truncated: bool,
    round_question_id: int | None = None,
    passed: list[bool] | None = None,
) -> RoomRun:
    """Keep a run's report for the room and the replay, and tell both people."""
    round_ = _locked_round(round_id)
    session = round_.session
    if not can_use_room(by, session):
        raise ApplicationError("You are not part of this session.")
    now = timezone.now()
    _ensure_room_open(session, now)
    if round_.order != session.current_round:
        raise ApplicationError("This is not the round the room is on.")
    if round_.ended_at is not None:
        raise ApplicationError("This round has ended: its code is no longer run.")
    if not round_part_runnable(round_):
        raise ApplicationError("Code is not run in this part of the round.")
    if language not in RunLanguage.values:
        raise ApplicationError("Run Python or JavaScript.")
    if len(output) > RUN_OUTPUT:
        raise ApplicationError("A run keeps at most 64 KiB of output.")
    # What a program prints may hold NUL or half a surrogate pair, which a text
    # column refuses: they are kept as replacement characters.
    output = output.replace("\x00", "\ufffd").encode("utf-8", "replace").decode()
    passed = passed or []
    chosen = _examples_checked(round_, round_question_id, passed)
    exit = _exit_checked(exit, passed, chosen)
    if RoomRun.objects.filter(round=round_).count() >= MAX_RUNS_PER_ROUND:
        raise ApplicationError(
            f"This round has had {MAX_RUNS_PER_ROUND} runs: no more are kept."
        )
    run = RoomRun.objects.create(
        round=round_,
        author=by,
        language=language,
        exit=exit,
        at=now,
        duration_ms=duration_ms,
        output=output,
        truncated=truncated,
        examples=passed,
        round_question=chosen,
    )
    _record(
        round_,
        RoomEventKind.RUN,
        by=by,
        at=now,
        run=run.pk,
        language=language,
        exit=exit,
    )
    events.room_changed(session_id=session.pk, what="run")
    return run
