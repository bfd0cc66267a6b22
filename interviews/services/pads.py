"""The pads of a round: a Yjs document per pad, stored as an append-only log of the
updates clients send, with a snapshot every SNAPSHOT_EVERY updates so that loading
reads a snapshot and a short tail (LIVE-ROOM.md). The log is never rewritten: the
pad at any moment is its updates up to then, and a reset is a new pad.
"""

from django.db import transaction
from pycrdt import Doc, Text, get_state

from config.errors import ApplicationError
from interviews.models import Pad, PadKind, PadSnapshot, PadUpdate, Round
from interviews.phases import pad_template
from interviews.services.session_rules import plan_segments

# The text a client edits: ydoc.getText("pad").
TEXT = "pad"
SNAPSHOT_EVERY = 500
# Far above what typing sends (a pasted page is a few kilobytes); large enough for
# an offline client's batch of edits coming back at once.
MAX_UPDATE_BYTES = 512 * 1024
LANGUAGES = {
    "plain": "Plain text",
    "python": "Python",
    "javascript": "JavaScript",
    "typescript": "TypeScript",
    "java": "Java",
    "cpp": "C++",
    "go": "Go",
    "rust": "Rust",
    "sql": "SQL",
    "markdown": "Markdown",
}


def round_kind(round_: Round) -> str:
    """The kind a round is about: its first part that asks questions."""
    session = round_.session
    segments = plan_segments(format=session.format, loop_segment=session.loop_segment)
    asking = [s for s in segments if s.questions > 0]
    return (asking or segments)[0].kind if segments else ""


def _template_update(kind: str) -> bytes | None:
    text = pad_template(kind)
    if not text:
        return None
    doc = Doc()
    doc[TEXT] = Text(text)
    return doc.get_update()


def pads_create(*, round_: Round) -> None:
    """The round's shared pad, starting from its kind's outline, and the
    interviewer's notes pad. Call in the transaction that creates the round."""
    shared = Pad.objects.create(round=round_, kind=PadKind.SHARED)
    Pad.objects.create(round=round_, kind=PadKind.NOTES)
    outline = _template_update(round_kind(round_))
    if outline is not None:
        PadUpdate.objects.create(pad=shared, data=outline)


def update_check(data: bytes) -> None:
    """Refuse what is not one Yjs update of a sane size, before it is stored."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise ApplicationError("An update must be bytes.")
    if len(data) > MAX_UPDATE_BYTES:
        raise ApplicationError(
            f"An update may be {MAX_UPDATE_BYTES // 1024} KiB at most."
        )
    try:
        get_state(bytes(data))
    except Exception:  # pycrdt raises its own errors on garbage
        raise ApplicationError("That is not a Yjs update.") from None


def pad_update_append(*, pad_id, data: bytes, author_id: int | None) -> int:
    """Store one checked update; returns its id. Stored before anyone is told of it,
    so nothing a client was told is saved is ever lost."""
    update_check(data)
    return PadUpdate.objects.create(
        pad_id=pad_id, data=bytes(data), author_id=author_id
    ).pk


def pad_document(*, pad_id, upto_id: int | None = None) -> Doc:
    """The stored document: the latest snapshot, then the updates after it, in order
    (up to `upto_id` for a replay)."""
    snapshots = PadSnapshot.objects.filter(pad_id=pad_id)
    if upto_id is not None:
        snapshots = snapshots.filter(upto_id__lte=upto_id)
    snapshot = snapshots.order_by("-upto_id").first()
    doc = Doc()
    after = 0
    if snapshot is not None:
        doc.apply_update(bytes(snapshot.data))
        after = snapshot.upto_id
    tail = PadUpdate.objects.filter(pad_id=pad_id, id__gt=after)
    if upto_id is not None:
        tail = tail.filter(id__lte=upto_id)
    # Applied one by one into the document: merging thousands at once is
    # superlinear (LIVE-ROOM.md).
    for data in tail.order_by("id").values_list("data", flat=True).iterator(500):
        doc.apply_update(bytes(data))
    return doc


def pad_text(*, pad_id, upto_id: int | None = None) -> str:
    doc = pad_document(pad_id=pad_id, upto_id=upto_id)
    return str(doc.get(TEXT, type=Text))


@transaction.atomic
def pad_snapshot_if_due(*, pad_id) -> PadSnapshot | None:
    """Merge the log into a snapshot once SNAPSHOT_EVERY updates came since the
    last one. Two at once make the same snapshot; the second is skipped."""
    last = (
        PadSnapshot.objects.filter(pad_id=pad_id)
        .order_by("-upto_id")
        .values_list("upto_id", flat=True)
        .first()
        or 0
    )
    tail = PadUpdate.objects.filter(pad_id=pad_id, id__gt=last)
    if tail.count() < SNAPSHOT_EVERY:
        return None
    upto = tail.order_by("-id").values_list("id", flat=True).first()
    doc = pad_document(pad_id=pad_id, upto_id=upto)
    snapshot, _ = PadSnapshot.objects.get_or_create(
        pad_id=pad_id, upto_id=upto, defaults={"data": doc.get_update()}
    )
    return snapshot


@transaction.atomic
def pad_language_set(*, pad: Pad, language: str) -> Pad:
    if language not in LANGUAGES:
        raise ApplicationError(
            "Choose a language from the list: " + ", ".join(LANGUAGES.values()) + ".",
            field="language",
        )
    if pad.language != language:
        pad.language = language
        pad.save(update_fields=["language"])
    return pad
