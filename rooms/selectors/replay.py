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

from interviews.models import Participant, Round, RoundQuestion
from interviews.permissions import round_is_over
from interviews.services.calendars import participant_shown_name
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
# The room's cursor colours (static/src/room/pad.js), so each person's text in the
# replay has the colour their cursor had in the room.
PALETTE = ["#e11d48", "#2563eb", "#047857", "#b45309", "#7c3aed", "#0e7490"]
# The downloaded pad's file name ends as its language's files do.
EXTENSIONS = {
    "plain": "txt",
    "python": "py",
    "javascript": "js",
    "typescript": "ts",
    "java": "java",
    "cpp": "cpp",
    "go": "go",
    "rust": "rs",
    "sql": "sql",
    "markdown": "md",
}


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
    # The pad as it ended, shown at once; the updates come after, for moving back
    # through the round.
    text = _final_text(pad) if pad is not None else ""
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
        "file_name": _file_name(round_, pad),
    }


def _final_text(pad) -> str:
    key = f"replay-text:{pad.pk}:{pad.log_bytes}"
    text = cache.get(key)
    if text is None:
        text = pad_text(pad_id=pad.pk)
        cache.set(key, text, REPLAY_CACHE_SECONDS)
    return text


def _file_name(round_: Round, pad) -> str:
    language = pad.language if pad is not None else "plain"
    extension = EXTENSIONS.get(language, "txt")
    return f"session-{round_.session_id}-round-{round_.order + 1}-pad.{extension}"


def round_pad_file(*, round_: Round) -> tuple[str, str]:
    """The shared pad's text as the round ended, and a file name for it that ends
    as its language's files do."""
    pad = round_.pads.filter(kind=PadKind.SHARED).first()
    return _file_name(round_, pad), _final_text(pad) if pad is not None else ""


def round_replay_updates(*, round_: Round, kind: str = PadKind.SHARED) -> bytes:
    """The stored updates of the round's pad of `kind` (the shared pad, or the
    whiteboard) as JSON: `times`, each update's moment in ms
    from the round's start, and `updates`, the updates themselves in base64, each
    preceded by its length as a var-uint (as Yjs writes lengths). One string
    compresses far better than one per update: 10,000 keystrokes are about 90 KB
    gzipped. `authors` holds, for each update, who sent it as an index into
    `people` (id, shown name, colour), or null for what the server wrote itself
    (the outline a pad starts from). Cached per round until its pad's log changes
    (it may for a few seconds after the round ends, as edits in flight arrive);
    the people are read each time, so a new name shows at once."""
    pad = round_.pads.filter(kind=kind).first()
    if pad is None:
        return json.dumps(
            {"people": [], "times": [], "updates": "", "authors": []}
        ).encode()
    # Timestamps as numbers: memcached refuses keys with spaces.
    moments = [m.timestamp() if m else "" for m in (round_.started_at, round_.ended_at)]
    key = f"replay-updates:{pad.pk}:{pad.log_bytes}:{moments[0]}:{moments[1]}"
    found = cache.get(key)
    if found is None:
        found = _updates_body(round_, pad)
        cache.set(key, found, REPLAY_CACHE_SECONDS)
    author_ids, body = found
    people = json.dumps(_people(round_, author_ids), separators=(",", ":"))
    # The cached body is an object too: the people go in before its first key.
    return b'{"people":' + people.encode() + b"," + body[1:]


def _updates_body(round_: Round, pad) -> tuple[list[int], bytes]:
    """The updates' JSON without the people, and the ids of those its `authors`
    point at, in order."""
    start = round_.started_at or round_.session.starts_at
    times, parts, authors, author_ids = [], [], [], []
    rows = PadUpdate.objects.filter(pad=pad).order_by("id")
    for data, created_at, author_id in rows.values_list(
        "data", "created_at", "author_id"
    )[:MAX_UPDATES]:
        times.append(_ms(created_at, start))
        parts += [write_var_uint(len(data)), bytes(data)]
        if author_id is not None and author_id not in author_ids:
            author_ids.append(author_id)
        authors.append(None if author_id is None else author_ids.index(author_id))
    body = json.dumps(
        {
            "times": times,
            "updates": base64.b64encode(b"".join(parts)).decode(),
            "authors": authors,
        },
        separators=(",", ":"),
    ).encode()
    return author_ids, body


def _people(round_: Round, author_ids: list[int]) -> list[dict]:
    """Who wrote in the pad, named as the session names them, each in the colour of
    their cursor in the room, or the next one free when two share it."""
    shown = {
        each.user_id: participant_shown_name(each)
        for each in Participant.objects.filter(
            session_id=round_.session_id, user_id__in=author_ids
        ).select_related("user")
    }
    missing = [pk for pk in author_ids if pk not in shown]
    # Someone no longer in the session keeps the name of their account.
    if missing:
        shown |= {user.pk: user.name for user in User.objects.filter(pk__in=missing)}
    people, taken = [], set()
    for pk in author_ids:
        first = pk % len(PALETTE)
        choices = PALETTE[first:] + PALETTE[:first]
        colour = next((each for each in choices if each not in taken), choices[0])
        taken.add(colour)
        people.append({"id": pk, "name": shown.get(pk, "Someone"), "colour": colour})
    return people
