"""The runs of a round's code as the room shows them to both its people: whether
the part the round is in lets code run, the latest run whole, and a short history.
A run holds only what the pad's code printed, which both people see alike."""

from interviews.models import Round
from rooms.models import RoomEvent, RoomEventKind, RoomRun
from rooms.services.runs import round_part_runnable

# Each state message carries the latest run's output (up to 64 KiB) and no other.
HISTORY = 10


def _mmss(elapsed) -> str:
    if elapsed is None:
        return ""
    seconds = max(int(elapsed.total_seconds()), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _run(run: RoomRun, moments: dict) -> dict:
    return {
        "id": run.pk,
        "who": run.author.name if run.author else "Someone",
        "mine_id": run.author_id,
        # On the round's clock (a pause stops it), from the run's room event;
        # nothing before the clock started.
        "at": _mmss(moments.get(run.pk)) if run.pk in moments else "",
        "language": run.language,
        "exit": run.exit,
        "exit_label": run.get_exit_display(),
        "duration_ms": run.duration_ms,
        "passed": list(run.examples or []),
        "question": run.round_question_id,
    }


def round_runs_view(*, round_: Round) -> dict:
    runs = list(
        RoomRun.objects.filter(round=round_)
        .select_related("author")
        .order_by("-at", "-pk")
        .defer("output")[:HISTORY]
    )
    moments = (
        {
            data.get("run"): elapsed
            for data, elapsed in RoomEvent.objects.filter(
                round=round_, kind=RoomEventKind.RUN, at__gte=runs[-1].at
            ).values_list("data", "elapsed")
        }
        if runs and round_.started_at is not None
        else {}
    )
    # A run before the clock started has no moment on it.
    moments = {
        run.pk: moments[run.pk]
        for run in runs
        if run.pk in moments and run.at >= (round_.started_at or run.at)
    }
    last = None
    if runs:
        latest = RoomRun.objects.only("output", "truncated").get(pk=runs[0].pk)
        last = {
            **_run(runs[0], moments),
            "output": latest.output,
            "truncated": latest.truncated,
        }
    return {
        "runnable": round_part_runnable(round_),
        "last": last,
        "history": [_run(run, moments) for run in runs],
    }
