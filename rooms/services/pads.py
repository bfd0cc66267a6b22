"""The pads of a round: a Yjs document per pad, stored as an append-only log of the
updates clients send, with a snapshot every SNAPSHOT_EVERY updates so that loading
reads a snapshot and a short tail (docs/live-room.md). The pad at any moment is its
updates up to then, and a reset is a new pad.

Nothing a participant sends is trusted: an update is stored only once it applied to
the pad as stored, only while the pad takes edits (its round runs, its log has
room), and appends to one pad take turns so the log replays as it was built.
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from pycrdt import Doc, Text

from core.errors import ApplicationError
from interviews.models import Round, SessionStatus
from interviews.services.session_rules import ROOM_OPENS_BEFORE, round_kind
from rooms.board import board_update_apply
from rooms.crdt import (
    TEXT,
    UpdateAhead,
    UpdateDoesNotApply,
    state_of,
    update_apply,
)
from rooms.models import Pad, PadKind, PadSnapshot, PadUpdate, QuarantinedPadUpdate
from rooms.phases import pad_template

logger = logging.getLogger(__name__)

SNAPSHOT_EVERY = 500
# A socket reads when its pad takes edits at most this long ago; the room's changes
# (a round ended) make it read again at once.
RULES_FRESH_SECONDS = 5
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


def _template_update(kind: str) -> bytes | None:
    text = pad_template(kind)
    if not text:
        return None
    doc = Doc()
    doc[TEXT] = Text(text)
    return doc.get_update()


def round_pads_ensure(*, round_: Round) -> dict[str, Pad]:
    """The round's shared pad (starting from its kind's outline) and the
    interviewer's notes pad, made the first time the room needs them. Two first
    visits at once make them once: the second finds the first's."""
    pads = {pad.kind: pad for pad in Pad.objects.filter(round=round_)}
    if len(pads) == len(PadKind.values):
        return pads
    try:
        with transaction.atomic():
            for kind in PadKind.values:
                if kind not in pads:
                    pads[kind] = _pad_create(round_, kind)
    except IntegrityError:
        pads = {pad.kind: pad for pad in Pad.objects.filter(round=round_)}
    return pads


def _pad_create(round_: Round, kind: str) -> Pad:
    pad = Pad.objects.create(round=round_, kind=kind)
    outline = _template_update(round_kind(round_)) if kind == PadKind.SHARED else None
    if outline is not None:
        PadUpdate.objects.create(pad=pad, data=outline)
        pad.log_bytes, pad.log_count = len(outline), 1
        pad.save(update_fields=["log_bytes", "log_count"])
    return pad


class PadReadOnly(ApplicationError):
    """The pad takes no edits now (its round is over, or its log is full); the
    socket stays open for reading."""


class UpdateRefused(ApplicationError):
    """What was sent is not an update this pad can take."""


class UpdateAheadOfPad(UpdateRefused):
    """The update builds on edits the pad does not have (rooms.crdt.UpdateAhead):
    not stored, and not a reason to close the socket; its client is asked for
    everything the pad lacks instead."""


def update_check(data: bytes) -> None:
    """Refuse what is not bytes of a sane size, before anything else; what the
    bytes say is read against the pad when the update is applied."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise UpdateRefused("An update must be bytes.")
    if len(data) > MAX_UPDATE_BYTES:
        raise UpdateRefused(f"An update may be {MAX_UPDATE_BYTES // 1024} KiB at most.")


@dataclass(frozen=True)
class PadRules:
    """When a pad takes edits, read from its round and session."""

    refusal_before: str  # why not, before `opens_at`
    opens_at: datetime
    closes_at: datetime
    closed_because: str
    checked_at: float  # time.monotonic()
    # Set once the round ended: the pad's page turns read-only at once, while the
    # server still stores edits typed before the end that arrive within the grace.
    round_ended: bool = False


@dataclass
class PadReplica:
    """The pad's stored document up to row `upto_id`, kept by whoever appends to
    the pad (a socket): each new update is tried on it before it is stored, so the
    log holds only updates that apply, in the order they applied. Between its
    try and its store, the socket's own update is in it too
    (pad_update_try_early). `rules` are
    read again every RULES_FRESH_SECONDS, or when the room says something changed
    (set them to None)."""

    pad_id: uuid.UUID
    doc: Doc
    upto_id: int
    rules: PadRules | None = None
    # The pad's log size when the replica was last known to hold the whole log (or
    # less, never more): a batch that finds the log still this size under the lock
    # skips reading what others stored.
    log_bytes: int = -1
    # A board's updates are read as a board's too (rooms.board).
    kind: str = PadKind.SHARED
    # Holds what the log may not (an update tried before its store that was then
    # refused, or one that failed half applied): loaded again before its next use.
    damaged: bool = False

    def apply_new(self, data: bytes) -> None:
        """Try an update sent for this pad on the replica (raises
        UpdateDoesNotApply)."""
        if self.kind == PadKind.BOARD:
            board_update_apply(self.doc, data)
        else:
            update_apply(self.doc, data)


# Rows that did not apply, each logged once per process: only a log written before
# updates were tried first can hold one (`manage.py pads_quarantine` moves them out).
_reported_bad_rows: set[int] = set()


def _report_bad_row(pad_id, row_id: int, reason: str) -> None:
    if row_id not in _reported_bad_rows:
        _reported_bad_rows.add(row_id)
        logger.warning(
            "Pad %s: stored update %s does not apply (%s); skipped. "
            "Run `manage.py pads_quarantine` to move it out of the log.",
            pad_id,
            row_id,
            reason,
        )


def _replayed(
    pad_id, base: bytes | None, rows: list[tuple[int, bytes]]
) -> tuple[Doc, set]:
    """A document made of `base` and `rows` in order, skipping rows that do not
    apply; a row that breaks the document starts the replay again without it."""
    skipped: set[int] = set()
    while True:
        doc = Doc()
        if base is not None:
            doc.apply_update(base)
        for row_id, data in rows:
            if row_id in skipped:
                continue
            try:
                update_apply(doc, data)
            except UpdateDoesNotApply as error:
                skipped.add(row_id)
                _report_bad_row(pad_id, row_id, str(error))
                break
        else:
            return doc, skipped


def _load(pad_id, upto_id: int | None = None) -> tuple[Doc, int]:
    """The stored document (the latest snapshot, then the rows after it, in order,
    up to `upto_id` for a replay) and the id of the last row read."""
    snapshots = PadSnapshot.objects.filter(pad_id=pad_id)
    if upto_id is not None:
        snapshots = snapshots.filter(upto_id__lte=upto_id)
    snapshot = snapshots.order_by("-upto_id").only("upto_id", "data").first()
    after = snapshot.upto_id if snapshot is not None else 0
    tail = PadUpdate.objects.filter(pad_id=pad_id, id__gt=after)
    if upto_id is not None:
        tail = tail.filter(id__lte=upto_id)
    rows = [
        (row_id, bytes(data))
        for row_id, data in tail.order_by("id").values_list("id", "data").iterator(500)
    ]
    doc, _ = _replayed(pad_id, bytes(snapshot.data) if snapshot else None, rows)
    last = rows[-1][0] if rows else after
    return doc, last


def pad_document(*, pad_id, upto_id: int | None = None) -> Doc:
    """The stored document: the latest snapshot, then the updates after it, in order
    (up to `upto_id` for a replay). Applied one by one: merging thousands of
    updates at once is superlinear (docs/live-room.md)."""
    return _load(pad_id, upto_id)[0]


@transaction.atomic
def pad_replica_load(*, pad_id) -> PadReplica:
    """The pad as stored, read under its lock: a batch that relayed its updates
    under the lock has committed them by then. So a socket that joined its pad's
    group after such a relay finds the update in what it loads, and one that
    joined before hears the relay. (An update relayed before its batch reaches a
    socket that joined meanwhile by the catch-up after joining, rooms.consumers.)"""
    counts = (
        Pad.objects.select_for_update()
        .filter(pk=pad_id)
        .values_list("log_bytes", "kind")
        .first()
    )
    size, kind = counts or (0, PadKind.SHARED)
    doc, last = _load(pad_id)
    return PadReplica(pad_id=pad_id, doc=doc, upto_id=last, log_bytes=size, kind=kind)


def _replica_reload(replica: PadReplica) -> None:
    fresh = pad_replica_load(pad_id=replica.pad_id)
    replica.doc, replica.upto_id = fresh.doc, fresh.upto_id
    replica.log_bytes = fresh.log_bytes
    replica.damaged = False


def pad_replica_catch_up(replica: PadReplica) -> bool:
    """Apply the rows stored since the replica last looked (others' edits).
    True when it had to load the replica again instead, from the log alone."""
    if replica.damaged:
        _replica_reload(replica)
        return True
    rows = PadUpdate.objects.filter(pad_id=replica.pad_id, id__gt=replica.upto_id)
    # A plain list, not a server-side cursor: the tail is a few rows, and a
    # cursor costs three round trips.
    for row_id, data in list(rows.order_by("id").values_list("id", "data")):
        try:
            update_apply(replica.doc, bytes(data))
        except UpdateDoesNotApply as error:
            _report_bad_row(replica.pad_id, row_id, str(error))
            _replica_reload(replica)
            return True
        replica.upto_id = row_id
    return False


def pad_sync_answer(replica: PadReplica, state_vector: bytes) -> bytes:
    """What the pad has that a client in `state_vector` lacks, from the log."""
    try:
        state_of(state_vector)
    except UpdateDoesNotApply as error:
        raise UpdateRefused(f"That sync message is not a state ({error}).") from None
    pad_replica_catch_up(replica)
    return replica.doc.get_update(state_vector)


def pad_lacks_what_client_has(replica: PadReplica, state_vector: bytes) -> bool:
    """Whether a client in `state_vector` has edits the replica lacks (its sync
    answer said what the pad has; this says whether to ask it back). The state
    vector was read by pad_sync_answer already."""
    have = state_of(replica.doc.get_state())
    return any(
        clock > have.get(client, 0) for client, clock in state_of(state_vector).items()
    )


def pad_text(*, pad_id, upto_id: int | None = None) -> str:
    doc = pad_document(pad_id=pad_id, upto_id=upto_id)
    return str(doc.get(TEXT, type=Text))


def pad_rules(*, pad_id) -> PadRules:
    """From the room's opening until its round ended (and a few seconds' grace for
    edits typed before the end and still in flight). A round nobody ended closes
    for edits a whole slot after the session's end, so a round started late still
    gets its time."""
    facts = (
        Pad.objects.filter(pk=pad_id)
        .values(
            "round__ended_at",
            "round__session__status",
            "round__session__starts_at",
            "round__session__ends_at",
        )
        .first()
    )
    never = timezone.now() - timedelta(days=1)
    if facts is None:
        return PadRules("This pad no longer exists.", never, never, "", 0.0)
    starts, ends = facts["round__session__starts_at"], facts["round__session__ends_at"]
    grace = timedelta(seconds=settings.PAD_EDIT_GRACE_SECONDS)
    ended = facts["round__ended_at"]
    if facts["round__session__status"] != SessionStatus.SCHEDULED:
        before = "This session is not on: the pad takes no edits."
        return PadRules(before, ends + timedelta(days=365), never, before, 0.0)
    if ended is not None:
        closes_at = ended + grace
        closed_because = "This round has ended: the pad is read-only now."
    else:
        closes_at = ends + (ends - starts) + grace
        closed_because = "This session's time is long over: the pad is read-only now."
    return PadRules(
        refusal_before="The pad opens with the room, 10 minutes before the start.",
        opens_at=starts - ROOM_OPENS_BEFORE,
        closes_at=closes_at,
        closed_because=closed_because,
        checked_at=time.monotonic(),
        round_ended=ended is not None,
    )


def pad_edit_refusal(rules: PadRules, now: datetime) -> str | None:
    """Why the pad takes no edits now, or None when it does."""
    if now < rules.opens_at:
        return rules.refusal_before
    if now > rules.closes_at:
        return rules.closed_because
    return None


def _pad_full() -> str:
    limit = settings.PAD_MAX_LOG_BYTES / 1_000_000
    return (
        f"This pad holds {limit:g} MB of edits, the most one pad keeps: it is "
        "read-only now."
    )


class StoredUpdate(NamedTuple):
    row: int
    # Its number in the pad's log (Pad.log_count once it was appended).
    seq: int


@dataclass
class PendingUpdate:
    """An update a socket wants stored, tried on its socket's replica."""

    replica: PadReplica
    data: bytes
    author_id: int | None
    # Called once the update applied to the pad under the pad's lock, before the
    # commit (on the database's thread): the relay need not wait for the batch's
    # insert and commit.
    on_applied: Callable[[], None] | None = None
    # Applied to the replica already, before the lock (pad_update_try_early).
    tried: bool = False


def pad_update_store(
    *, replica: PadReplica, data: bytes, author_id: int | None
) -> StoredUpdate:
    """Store one update if the pad takes edits now and the update applies to the
    pad as stored (see pad_updates_store)."""
    [outcome] = pad_updates_store([PendingUpdate(replica, data, author_id)])
    if isinstance(outcome, ApplicationError):
        raise outcome
    return outcome


def pad_updates_store(
    pending: list[PendingUpdate],
) -> list[StoredUpdate | PadReadOnly | UpdateRefused]:
    """Store a batch of updates, to one pad or many, in one transaction: each if
    its pad takes edits now and it applies to the pad as stored, in the batch's
    order. Returns for each what was stored or why it was refused.

    Appends to one pad take turns (a lock on its row), so the log's order is the
    order the updates were tried in, and replaying it gives the same document. A
    batch costs one lock, one read of what others stored, one insert, one size
    update and one commit, whatever its length: under load the sockets of a
    process wait for one batch and go in the next (rooms.pad_writer)."""
    outcomes: list = [None] * len(pending)
    now = timezone.now()
    for index, item in enumerate(pending):
        try:
            update_check(item.data)
            refusal = pad_edit_refusal(_rules_fresh(item.replica), now)
            if refusal is not None:
                raise PadReadOnly(refusal)
        except (PadReadOnly, UpdateRefused) as error:
            outcomes[index] = error
    taken = [i for i, outcome in enumerate(outcomes) if outcome is None]
    if not taken:
        return outcomes
    by_identity = {id(pending[i].replica): pending[i].replica for i in taken}
    replicas = list(by_identity.values())
    try:
        _store_batch(pending, taken, outcomes, replicas)
    except BaseException:
        # Updates may be in the replicas but not in the log (the insert or the
        # commit failed): the replicas must be the log again.
        for replica in replicas:
            _replica_reload(replica)
        raise
    return outcomes


def pad_update_try_early(replica: PadReplica, data: bytes, *, now) -> bool:
    """Try an update on its socket's replica before it waits for the pad's lock,
    when the replica can tell without the database; True if it applied, and may
    be relayed now. The replica is the log plus the socket's own earlier updates:
    an update that applies to it applies to the log once the others' rows are in,
    since an update needs only what it builds on, and the lock adds rows, never
    removes any (docs/live-room.md, "Relay before the store"). False when it must
    wait for the lock: rules not read lately, a log near full or of unknown size,
    an update that builds on what the replica lacks (a peer's edits not yet read)
    or does not apply (a try that left the replica half changed marks it to be
    loaded again)."""
    rules = replica.rules
    if (
        replica.damaged
        or rules is None
        or rules.checked_at < time.monotonic() - RULES_FRESH_SECONDS
        or pad_edit_refusal(rules, now) is not None
        or replica.log_bytes < 0
        or replica.log_bytes + len(data) >= settings.PAD_MAX_LOG_BYTES
    ):
        return False
    try:
        update_check(data)
        replica.apply_new(data)
    except UpdateRefused:
        return False
    except UpdateDoesNotApply as error:
        replica.damaged = error.touched
        return False
    return True


def _rules_fresh(replica: PadReplica) -> PadRules:
    stale = time.monotonic() - RULES_FRESH_SECONDS
    if replica.rules is None or replica.rules.checked_at < stale:
        replica.rules = pad_rules(pad_id=replica.pad_id)
    return replica.rules


@transaction.atomic
def _store_batch(pending, taken: list[int], outcomes: list, replicas) -> None:
    pad_ids = sorted({pending[i].replica.pad_id for i in taken})
    # Locked in one order, so two batches never wait on each other in a circle.
    locked = {
        pad_id: (size, count)
        for pad_id, size, count in Pad.objects.select_for_update()
        .filter(pk__in=pad_ids)
        .order_by("pk")
        .values_list("pk", "log_bytes", "log_count")
    }
    sizes = {pad_id: size for pad_id, (size, _) in locked.items()}
    counts = {pad_id: count for pad_id, (_, count) in locked.items()}
    # Replicas loaded again lost what their socket tried on them before the lock.
    reloaded: set[int] = set()
    for replica in replicas:
        if replica.damaged or replica.log_bytes != sizes.get(replica.pad_id):
            if pad_replica_catch_up(replica):
                reloaded.add(id(replica))
            # Read under the lock: the replica now holds the whole log.
            replica.log_bytes = sizes.get(replica.pad_id, -1)
    # The rows this batch adds to each pad, in order, and how many of them each
    # replica has applied (a replica tries its update on the pad as it will be).
    added: dict = {pad_id: [] for pad_id in pad_ids}
    applied: dict[int, int] = {id(replica): 0 for replica in replicas}
    stored: list[tuple[int, PendingUpdate]] = []
    for index in taken:
        item = pending[index]
        replica, data = item.replica, bytes(item.data)
        pad_rows = added[replica.pad_id]
        if sizes.get(replica.pad_id) is None:
            outcomes[index] = PadReadOnly("This pad no longer exists.")
            continue
        if sizes[replica.pad_id] >= settings.PAD_MAX_LOG_BYTES:
            outcomes[index] = PadReadOnly(_pad_full())
            continue
        for earlier in pad_rows[applied[id(replica)] :]:
            update_apply(replica.doc, earlier)
        applied[id(replica)] = len(pad_rows)
        try:
            if not item.tried or id(replica) in reloaded:
                replica.apply_new(data)
        except UpdateDoesNotApply as error:
            if error.touched:
                # The replica may be half changed: rebuild it from the log, the
                # truth, and this batch's rows before it.
                _replica_reload(replica)
                reloaded.add(id(replica))
                applied[id(replica)] = 0
            refusal = (
                UpdateAheadOfPad if isinstance(error, UpdateAhead) else UpdateRefused
            )
            outcomes[index] = refusal(
                f"That update does not apply to this pad ({error}), so it was not "
                "stored."
            )
            continue
        pad_rows.append(data)
        applied[id(replica)] = len(pad_rows)
        sizes[replica.pad_id] += len(data)
        counts[replica.pad_id] += 1
        stored.append((index, item, counts[replica.pad_id]))
        if item.on_applied is not None:
            item.on_applied()
    if not stored:
        return
    row_ids = _rows_insert([item for _, item, _ in stored])
    _pad_sizes_set(pad_ids, sizes, counts)
    # Each replica is the log up to the last row of its pad it applied.
    ids_by_pad: dict = {pad_id: [] for pad_id in pad_ids}
    for (index, item, seq), row_id in zip(stored, row_ids, strict=True):
        outcomes[index] = StoredUpdate(row_id, seq)
        ids_by_pad[item.replica.pad_id].append(row_id)
    for replica in replicas:
        count = applied[id(replica)]
        if count:
            replica.upto_id = ids_by_pad[replica.pad_id][count - 1]
        if count < len(ids_by_pad[replica.pad_id]):
            replica.log_bytes = -1  # rows after its last: read them next time
        else:
            replica.log_bytes = sizes[replica.pad_id]


# On PostgreSQL a batch's rows go in as arrays, one statement for the rows and one
# for the pads' sizes, written here rather than through the ORM: bulk_create and
# one UPDATE per pad cost 0.48 ms per update on the database's thread against
# 0.28 ms, mostly Python holding the interpreter lock the event loop needs
# (docs/live-room.md, "The batch in two statements").
_ROWS_INSERT = (
    "INSERT INTO {table} ({pad}, {data}, {author}, {created}) "
    "SELECT u.pad, u.data, u.author, %s FROM unnest(%s::uuid[], %s::bytea[], "
    "%s::bigint[]) WITH ORDINALITY AS u(pad, data, author, n) ORDER BY u.n "
    "RETURNING {id}"
)
_SIZES_SET = (
    "UPDATE {table} AS p SET {size} = u.size, {count} = u.count FROM "
    "unnest(%s::uuid[], %s::bigint[], %s::bigint[]) AS u(id, size, count) "
    "WHERE p.{id} = u.id"
)


def _rows_insert(items: list[PendingUpdate]) -> list[int]:
    """Append the batch's updates to the log, in the batch's order; their ids."""
    if connection.vendor != "postgresql":
        rows = PadUpdate.objects.bulk_create(
            PadUpdate(
                pad_id=item.replica.pad_id, data=item.data, author_id=item.author_id
            )
            for item in items
        )
        return [row.pk for row in rows]
    quote = connection.ops.quote_name
    columns = {f.name: quote(f.column) for f in PadUpdate._meta.concrete_fields}
    sql = _ROWS_INSERT.format(
        table=quote(PadUpdate._meta.db_table),
        pad=columns["pad"],
        data=columns["data"],
        author=columns["author"],
        created=columns["created_at"],
        id=columns["id"],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                timezone.now(),
                [item.replica.pad_id for item in items],
                [bytes(item.data) for item in items],
                [item.author_id for item in items],
            ],
        )
        # RETURNING gives the rows in the order they were inserted, as Django's
        # own bulk_create relies on.
        return [row_id for (row_id,) in cursor.fetchall()]


def _pad_sizes_set(pad_ids, sizes: dict, counts: dict) -> None:
    """Each pad's new log size and count. Not bulk_update: its CASE expression,
    built in Python on the database's thread for every batch, held the event
    loop's interpreter lock for a tenth of a busy server's time
    (bench/pad_at_scale.py under py-spy)."""
    quote = connection.ops.quote_name
    pk = Pad._meta.pk
    if connection.vendor == "postgresql":
        sql = _SIZES_SET.format(
            table=quote(Pad._meta.db_table),
            size=quote("log_bytes"),
            count=quote("log_count"),
            id=quote(pk.column),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    list(pad_ids),
                    [sizes[pad_id] for pad_id in pad_ids],
                    [counts[pad_id] for pad_id in pad_ids],
                ],
            )
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Pad._meta.db_table)} SET {quote('log_bytes')} = %s, "
            f"{quote('log_count')} = %s WHERE {quote(pk.column)} = %s",
            [
                (
                    sizes[pad_id],
                    counts[pad_id],
                    pk.get_db_prep_value(pad_id, connection),
                )
                for pad_id in pad_ids
            ],
        )


def pad_update_append(*, pad_id, data: bytes, author_id: int | None) -> StoredUpdate:
    """Store one update from outside a socket (demo data, scripts): checked on the
    stored document as a socket's would be."""
    replica = pad_replica_load(pad_id=pad_id)
    return pad_update_store(replica=replica, data=data, author_id=author_id)


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
    doc, upto = _load(pad_id)
    snapshot, _ = PadSnapshot.objects.get_or_create(
        pad_id=pad_id, upto_id=upto, defaults={"data": doc.get_update()}
    )
    return snapshot


@transaction.atomic
def pad_log_quarantine(*, pad_id, dry_run: bool = False) -> list[tuple[int, str]]:
    """Find the rows of a pad's log that do not apply when it is replayed from the
    start, and (unless `dry_run`) move them out of the log into
    QuarantinedPadUpdate. Returns each bad row's id and reason."""
    pad = Pad.objects.select_for_update().filter(pk=pad_id).first()
    if pad is None:
        return []
    rows = list(
        PadUpdate.objects.filter(pad=pad)
        .order_by("id")
        .values_list("id", "data", "author_id", "created_at")
    )
    skipped: dict[int, str] = {}
    while True:
        doc = Doc()
        for row_id, data, _, _ in rows:
            if row_id in skipped:
                continue
            try:
                update_apply(doc, bytes(data))
            except UpdateDoesNotApply as error:
                skipped[row_id] = str(error)[:300] or "does not apply"
                break
        else:
            break
    if skipped and not dry_run:
        QuarantinedPadUpdate.objects.bulk_create(
            QuarantinedPadUpdate(
                pad=pad,
                update_id=row_id,
                data=bytes(data),
                author_id=author_id,
                created_at=created_at,
                reason=skipped[row_id],
            )
            for row_id, data, author_id, created_at in rows
            if row_id in skipped
        )
        PadUpdate.objects.filter(pk__in=skipped).delete()
        removed = sum(len(bytes(d)) for r, d, _, _ in rows if r in skipped)
        Pad.objects.filter(pk=pad.pk).update(log_bytes=F("log_bytes") - removed)
    return sorted(skipped.items())


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
