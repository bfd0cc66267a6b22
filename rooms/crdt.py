"""Yjs updates from people who are not trusted, read before yrs sees them and applied
without harm (docs/live-room.md, "Untrusted updates").

yrs, under pycrdt, trusts what it decodes. Found by trying (and by the fuzz in
tests/rooms/test_pad_fuzz_mutated_updates.py):
- a struct claiming a clock far ahead of the document (a gap), or pointing at an id
  the document does not have, makes yrs panic (`block_store.rs`, `unwrap()` on
  None), raised as pyo3's PanicException, a BaseException; the panic can leave the
  document half changed;
- text bytes that are not UTF-8 are taken unchecked (`from_utf8_unchecked`) and
  later crash the process (a bus error) or panic whoever reads the text;
- some bent updates make yrs loop for ever;
- an item whose right origin is at or before its origin, in one run of its writer's
  text, is placed by yrs before its right origin, and after its origin when the
  document is loaded again from its own encoding: the pad as stored and the pad as
  loaded differ (_right_origin_before);
- an item pointing at a later id of its own update waits for it for ever: the
  update is applied in part, the rest kept pending in that document only.
So an update is read here first, against the state of the pad it is for: every text
is UTF-8, every number fits yrs's 32-bit clocks, every struct continues what the
pad has (no gap, no skipped range), and everything it points at or deletes exists
once it is applied. Legitimate clients only ever send such updates. Only then is it
applied, inside a guard that catches yrs's panics narrowly, and checked once
applied: applied whole (the document's state is what the update says), and no
item's right origin lies before its origin in one run of their writer's items. A
document that refused an update is thrown away and rebuilt.
"""

from bisect import bisect_right

from pycrdt import Doc, StickyIndex, Text

# The text a client edits: ydoc.getText("pad").
TEXT = "pad"
MAX_CLOCK = 2**32 - 1
MAX_CLIENT = 2**53 - 1
MAX_DEPTH = 32
# Items of an update whose place in the pad is read (_right_origin_before); past
# this many, their ids are read from one encoding instead.
PLACES_READ = 16


class UpdateDoesNotApply(Exception):
    """The update is not one the document can take. When `touched`, it was tried
    on the document, which may be half changed: rebuild it before using it again."""

    def __init__(self, reason: str, *, touched: bool = False):
        super().__init__(reason)
        self.touched = touched


class UpdateAhead(UpdateDoesNotApply):
    """The update builds on edits the document does not have yet. A well-behaved
    client sends one when it types while its socket reconnects (the edits it made
    offline follow in its sync answer), or when the server died before committing
    edits that had already reached it; what the update lacks may come later."""


class _Reader:
    """lib0's decoding of var-uints, var-ints and var-strings, over bytes."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise UpdateDoesNotApply("the update ends too early")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def uint(self) -> int:
        value = shift = 0
        while True:
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7
            if shift > 63:
                raise UpdateDoesNotApply("a number in the update is too long")

    def int_(self) -> None:
        byte = self.byte()
        shift = 6
        while byte & 0x80:
            byte = self.byte()
            shift += 7
            if shift > 70:
                raise UpdateDoesNotApply("a number in the update is too long")

    def take(self, length: int) -> bytes:
        end = self.pos + length
        if end > len(self.data):
            raise UpdateDoesNotApply("the update ends too early")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def string(self) -> str:
        try:
            return self.take(self.uint()).decode("utf-8")
        except UnicodeDecodeError:
            raise UpdateDoesNotApply("a text in the update is not UTF-8") from None

    def count(self) -> int:
        count = self.uint()
        # Each element takes a byte at least: a count past what is left is a lie.
        if count > len(self.data) - self.pos:
            raise UpdateDoesNotApply("the update claims more than it holds")
        return count

    def id(self) -> tuple[int, int]:
        return self.uint(), self.uint()


def _any(reader: _Reader, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise UpdateDoesNotApply("a value in the update is nested too deeply")
    tag = reader.byte()
    if tag in (127, 126, 121, 120):  # undefined, null, false, true
        return
    if tag == 125:
        reader.int_()
    elif tag == 124:
        reader.take(4)
    elif tag in (123, 122):
        reader.take(8)
    elif tag == 119:
        reader.string()
    elif tag == 118:
        for _ in range(reader.count()):
            reader.string()
            _any(reader, depth + 1)
    elif tag == 117:
        for _ in range(reader.count()):
            _any(reader, depth + 1)
    elif tag == 116:
        reader.take(reader.uint())
    else:
        raise UpdateDoesNotApply("a value in the update is of no known kind")


def _content(reader: _Reader, kind: int) -> int:
    """Read an item's content (Yjs's content refs 1-9); its length on the clock."""
    if kind == 1:  # deleted
        return reader.uint()
    if kind == 2:  # JSON
        count = reader.count()
        for _ in range(count):
            reader.string()
        return count
    if kind == 3:  # binary
        reader.take(reader.uint())
        return 1
    if kind == 4:  # text: its length counts UTF-16 code units, as Yjs does
        return len(reader.string().encode("utf-16-le")) // 2
    if kind == 5:  # embed
        reader.string()
        return 1
    if kind == 6:  # format
        reader.string()
        reader.string()
        return 1
    if kind == 7:  # a nested type
        if reader.uint() in (3, 5):  # XmlElement and XmlHook carry a name
            reader.string()
        return 1
    if kind == 8:  # any
        count = reader.count()
        for _ in range(count):
            _any(reader)
        return count
    if kind == 9:  # a sub-document
        reader.string()
        _any(reader)
        return 1
    raise UpdateDoesNotApply("an item in the update has content of no known kind")


def _structure(update: bytes):
    """The update's struct ranges (client, first clock, end), its structs (client,
    clock, length, left origin, right origin; an origin is None when absent, and
    both are for a garbage-collected range), the ids its items point at, and the
    ranges it deletes (client, start, end)."""
    reader = _Reader(update)
    groups, structs, pointers, deletes = [], [], [], []
    for _ in range(reader.count()):
        count = reader.count()
        client = reader.uint()
        start = clock = reader.uint()
        for _ in range(count):
            info = reader.byte()
            kind = info & 0x1F
            origin = right = None
            if kind == 0:  # garbage collected: a length only
                length = reader.uint()
            elif kind == 10:
                # A skip marks a range the sender does not have: a gap.
                raise UpdateDoesNotApply("the update skips a range")
            else:
                if info & 0x80:
                    origin = reader.id()
                    pointers.append(origin)
                if info & 0x40:
                    right = reader.id()
                    pointers.append(right)
                if not info & 0xC0:
                    if reader.uint() == 1:
                        reader.string()  # a root type's name
                    else:
                        pointers.append(reader.id())  # a nested type
                    if info & 0x20:
                        reader.string()  # the key in a map
                length = _content(reader, kind)
            if length < 1:
                raise UpdateDoesNotApply("an item in the update is empty")
            structs.append((client, clock, length, origin, right))
            clock += length
        if client > MAX_CLIENT or clock > MAX_CLOCK:
            raise UpdateDoesNotApply("the update claims clocks no document reaches")
        groups.append((client, start, clock))
    for _ in range(reader.count()):
        client = reader.uint()
        for _ in range(reader.count()):
            start, length = reader.uint(), reader.uint()
            if start + length > MAX_CLOCK:
                raise UpdateDoesNotApply("the update deletes past any document's end")
            deletes.append((client, start, start + length))
    if reader.pos != len(update):
        raise UpdateDoesNotApply("the update has bytes after its end")
    return groups, structs, pointers, deletes


def state_of(state_vector: bytes) -> dict[int, int]:
    """A state vector as {client: clock}; bad ones raise UpdateDoesNotApply."""
    reader = _Reader(state_vector)
    state = {}
    for _ in range(reader.count()):
        client, clock = reader.uint(), reader.uint()
        if client > MAX_CLIENT or clock > MAX_CLOCK:
            raise UpdateDoesNotApply("the state claims clocks no document reaches")
        state[client] = clock
    if reader.pos != len(state_vector):
        raise UpdateDoesNotApply("the state has bytes after its end")
    return state


def update_fits(update: bytes, state: dict[int, int]) -> None:
    """Refuse an update that a document in `state` could not take whole."""
    _fits(update, state)


def _fits(update: bytes, state: dict[int, int]):
    """update_fits, and what the update must leave: the document's state once it
    is applied, and the (left origin, right origin) of each item to place whose
    right origin is its origin or an earlier id of the same writer. Such an item
    is misplaced when that right origin lies before its origin in one run of the
    writer's items, which only the document can tell (_right_origin_before)."""
    groups, structs, pointers, deletes = _structure(update)
    after = dict(state)
    for client, start, end in groups:
        if start > state.get(client, 0):
            raise UpdateAhead("the update continues edits this pad does not have")
        if end > after.get(client, 0):
            after[client] = end
    if len({client for client, _, _ in groups}) != len(groups):
        raise UpdateDoesNotApply("the update lists a writer twice")
    for client, clock in pointers:
        if clock >= after.get(client, 0):
            raise UpdateAhead("the update points at text this pad does not have")
    for client, _, end in deletes:
        if end > after.get(client, 0):
            raise UpdateAhead("the update deletes text this pad does not have")
    backwards = []
    for client, clock, length, origin, right in structs:
        have = state.get(client, 0)
        if right is None or clock + length <= have:
            continue  # nothing to place, or nothing new: yrs skips it
        if clock < have:
            # yrs keeps only the part the pad lacks, placed after the last id of
            # the writer the pad has, whatever the update said came before it.
            origin = (client, have - 1)
        if origin is None or origin[0] != right[0] or right[1] > origin[1]:
            continue
        if right == origin:
            raise UpdateDoesNotApply("an item in the update is placed after itself")
        backwards.append((origin, right))
    return after, backwards


def _place(txn, item_id: tuple[int, int]) -> float:
    """Where the item is in its sequence: a visible one at its index, a deleted one
    half a place before the visible one after it."""
    client, clock = item_id
    after, before = (
        StickyIndex.from_json(
            {"item": {"client": client, "clock": clock}, "assoc": assoc}
        ).get_index(txn)
        for assoc in (0, -1)  # the index of the item; of the place after it
    )
    return after if before != after else after - 0.5


def _in_one_run(doc: Doc, pairs: list) -> bool:
    """Whether, for one of the (origin, right origin) pairs, the writer's items
    from the right origin to the origin each have the one before as left origin:
    then each follows the one before, so the right origin lies before the origin,
    and yrs may hold them as one block. One encoding of the writers' items from the
    earliest right origin, whatever the number of pairs."""
    firsts: dict[int, int] = {}
    for _, (client, clock) in pairs:
        firsts[client] = min(firsts.get(client, clock), clock)
    state = state_of(doc.get_state())
    state.update(firsts)
    vector = _var_uint(len(state)) + b"".join(
        _var_uint(client) + _var_uint(clock) for client, clock in state.items()
    )
    _, structs, _, _ = _structure(doc.get_update(vector))
    # Per writer, in clock order: the clocks where a struct does not follow the
    # one before it.
    breaks: dict[int, list[int]] = {client: [] for client in firsts}
    for client, clock, _, origin, _ in structs:
        if client in breaks and origin != (client, clock - 1):
            breaks[client].append(clock)
    for (client, last), (_, first) in pairs:
        found = breaks[client]
        index = bisect_right(found, first)
        if index == len(found) or found[index] > last:
            return True
    return False


def _right_origin_before(doc: Doc, backwards: list) -> bool:
    """Whether, for one of the (origin, right origin) pairs, the right origin, an
    id of the origin's writer no later than it, lies before the origin in one run
    of that writer's items: then yrs misplaces the item.

    yrs finds an item's left neighbour (its origin, splitting the block holding it
    after it) and then its right neighbour (splitting the block holding the right
    origin before it). When the right origin is in the same block as the origin,
    at or before it, the second split shortens the left neighbour it found: the
    item lands before its right origin, far from its origin. A fresh load, which
    holds those blocks cut where the item went, puts it after its origin instead:
    the pad as stored and the pad as loaded differ. A right origin never lies
    before the origin in an update a client makes (it was the item's right
    neighbour when it was typed).

    A pair whose right origin is seen to lie after its origin (each read of a
    place walks the sequence, so only for a few) is fine; for the others the ids
    tell."""
    undecided = backwards
    if len(backwards) <= PLACES_READ:
        with doc.transaction() as txn:
            undecided = [
                (origin, right)
                for origin, right in backwards
                if _place(txn, right) <= _place(txn, origin)
            ]
    return bool(undecided) and _in_one_run(doc, undecided)


def _var_uint(number: int) -> bytes:
    out = bytearray()
    while number > 0x7F:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)
    return bytes(out)


def _is_yrs_panic(error: BaseException) -> bool:
    # pyo3 makes the class at run time (module "pyo3_runtime"); it cannot be
    # imported, so it is recognised by name, and nothing else is caught.
    kind = type(error)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def update_apply(doc: Doc, update: bytes) -> None:
    """Read `update` against `doc`'s state, apply it, read the text back and check
    that yrs integrated it whole and placed it as its ids say; or raise
    UpdateDoesNotApply."""
    after, backwards = _fits(update, state_of(doc.get_state()))
    try:
        doc.apply_update(update)
        str(doc.get(TEXT, type=Text))
        if state_of(doc.get_state()) != after:
            raise UpdateDoesNotApply("part of the update was left pending")
        if backwards and _right_origin_before(doc, backwards):
            raise UpdateDoesNotApply(
                "an item in the update has its right origin before its origin"
            )
    except UpdateDoesNotApply as error:
        error.touched = True
        raise
    except Exception as error:  # pycrdt's own decoding errors
        raise UpdateDoesNotApply(str(error)[:200], touched=True) from None
    except BaseException as error:
        if not _is_yrs_panic(error):
            raise
        raise UpdateDoesNotApply(str(error)[:200], touched=True) from None
