"""A round's shared pad as it grew, for its two people once the round is over: every
stored update with its moment on the round's timeline, and the room's events (parts,
steps, reveals, hints) as markers. The browser replays the updates with Yjs, so the
pad at any moment is exactly what the log says it was. The page comes first and its
updates after, as compressed JSON of their own (a 10,000-update round was 730 KB of
HTML)."""

import base64
import json
from datetime import datetime

from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from pycrdt import write_var_uint

from interviews.models import Round, RoundQuestion
from interviews.permissions import round_is_over
from interviews.services.session_rules import plan_segments
from rooms.models import PadKind, PadUpdate, RoomEvent, RoomEventKind, RunExit
from rooms.phases import phases_of
from rooms.services.pads import pad_text
from users.models import User

SHOWN = [
    RoomEventKind.START,
    RoomEventKind.SEGMENT,
    RoomEventKind.PHASE,
    RoomEventKind.REVEAL,
    RoomEventKind.HINT,
    RoomEventKind.PAUSE,
    RoomEventKind.RESUME,
    RoomEventKind.END,
    RoomEventKind.RUN,
]
# Updates of a pad are small (keystrokes); a long round has a few thousand.
MAX_UPDATES = 20000
REPLAY_CACHE_SECONDS = 24 * 3600


def replay_round_get(*, user: User, session_id: int, order: int) -> Round:
    """A round this person interviewed or was interviewed in; 404 for anyone else
    and, until it is over, for them too (the replay is for afterwards)."""
    round_ = (
        Round.objects.filter(session_id=session_id, order=order)
        .filter(Q(interviewer=user) | Q(candidate=user))
        .select_related("session__format", "session__loop_segment")
        .first()
    )
    if round_ is None or not round_is_over(round_):
        raise Http404("No replay of this round yet.")
    return round_


def _ms(moment: datetime, start: datetime) -> int:
    return max(int((moment - start).total_seconds() * 1000), 0)


def _markers(round_: Round, start: datetime) -> list[dict]:
    """The room's events as labelled markers, reading the part each step is in."""
    segments = plan_segments(
        format=round_.session.format, loop_segment=round_.session.loop_segment
    )
    titles = dict(
        RoundQuestion.objects.filter(round=round_).values_list("pk", "question__title")
    )
    markers, part = [], 0
    for event in RoomEvent.objects.filter(round=round_, kind__in=SHOWN).order_by(
        "at", "pk"
    ):
        data = event.data or {}
        label = event.get_kind_display()
        if event.kind == RoomEventKind.SEGMENT:
            part = data.get("segment", part + 1)
            if part < len(segments):
                label = f"Part: {segments[part].get_kind_display()}"
        elif event.kind == RoomEventKind.PHASE and part < len(segments):
            steps = phases_of(segments[part].kind)
            index = data.get("phase", 0)
            if index < len(steps):
                label = f"Step: {steps[index][0]}"
        elif event.kind == RoomEventKind.REVEAL:
            label = f"Revealed: {titles.get(data.get('round_question'), 'a question')}"
        elif event.kind == RoomEventKind.HINT:
            label = f"Hint {data.get('number', '')} given"
        elif event.kind == RoomEventKind.RUN:
            label = (
                f"Run: {RunExit(data['exit']).label}"
                if data.get("exit") in RunExit.values
                else "Run"
            )
        markers.append({"t": _ms(event.at, start), "label": label})
    return markers


def round_replay(*, round_: Round) -> dict:
    """What the replay page shows around the pad, ready for JSON: times in ms from
    the round's start. The updates come from round_replay_updates."""
    pad = round_.pads.filter(kind=PadKind.SHARED).first()
    start = round_.started_at or round_.session.starts_at
    end = round_.ended_at or round_.session.ends_at
    last_update = None
    if pad is not None:
        last_update = (
            PadUpdate.objects.filter(pad=pad)
            .order_by("-id")
            .values_list("created_at", flat=True)
            .first()
        )
    events = _markers(round_, start)
    moments = [_ms(end, start), *(each["t"] for each in events)]
    text = ""
    if pad is not None:
        # The pad as it ended, shown at once; the updates come after, for moving
        # back through the round.
        key = f"replay-text:{pad.pk}:{pad.log_bytes}"
        text = cache.get(key)
        if text is None:
            text = pad_text(pad_id=pad.pk)
            cache.set(key, text, REPLAY_CACHE_SECONDS)
    if last_update is not None:
        moments.append(_ms(last_update, start))
    # The whiteboard, when something was drawn on it: scrubbed beside the pad.
    board = round_.pads.filter(kind=PadKind.BOARD, log_count__gt=0).first()
    if board is not None:
        drawn = (
            PadUpdate.objects.filter(pad=board)
            .order_by("-id")
            .values_list("created_at", flat=True)
            .first()
        )
        moments.append(_ms(drawn, start))
    return {
        "board": board is not None,
        "start": start.isoformat(),
        "duration": max(moments),
        "events": events,
        "language": pad.language if pad else "plain",
        "text": text,
    }


def round_replay_updates(*, round_: Round, kind: str = PadKind.SHARED) -> bytes:
    """The stored updates of the round's pad of `kind` (the shared pad, or the
    whiteboard) as JSON: `times`, each update's moment in ms
    from the round's start, and `updates`, the updates themselves in base64, each
    preceded by its length as a var-uint (as Yjs writes lengths). One string
    compresses far better than one per update: 10,000 keystrokes are about 90 KB
    gzipped. Cached per round until its pad's log changes (it may for a few
    seconds after the round ends, as edits in flight arrive)."""
    pad = round_.pads.filter(kind=kind).first()
    if pad is None:
        return json.dumps({"times": [], "updates": ""}).encode()
    # Timestamps as numbers: memcached refuses keys with spaces.
    moments = [m.timestamp() if m else "" for m in (round_.started_at, round_.ended_at)]
    key = f"replay:{pad.pk}:{pad.log_bytes}:{moments[0]}:{moments[1]}"
    found = cache.get(key)
    if found is not None:
        return found
    start = round_.started_at or round_.session.starts_at
    times, parts = [], []
    rows = PadUpdate.objects.filter(pad=pad).order_by("id")
    for data, created_at in rows.values_list("data", "created_at")[:MAX_UPDATES]:
        times.append(_ms(created_at, start))
        parts += [write_var_uint(len(data)), bytes(data)]
    body = json.dumps(
        {"times": times, "updates": base64.b64encode(b"".join(parts)).decode()},
        separators=(",", ":"),
    ).encode()
    cache.set(key, body, REPLAY_CACHE_SECONDS)
    return body
