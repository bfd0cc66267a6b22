"""Yjs updates from people who are not trusted, read before yrs sees them and applied
without harm (docs/live-room.md, "Untrusted updates").

yrs, under pycrdt, trusts what it decodes. Found by trying (and by the fuzz in
tests/interviews/test_pad_fuzz_mutated_updates.py):
- a struct claiming a clock far ahead of the document (a gap), or pointing at an id
  the document does not have, makes yrs panic (`block_store.rs`, `unwrap()` on
  None), raised as pyo3's PanicException, a BaseException; the panic can leave the
  document half changed;
- text bytes that are not UTF-8 are taken unchecked (`from_utf8_unchecked`) and
  later crash the process (a bus error) or panic whoever reads the text;
- some bent updates make yrs loop for ever.
So an update is read here first, against the state of the pad it is for: every text
is UTF-8, every number fits yrs's 32-bit clocks, every struct continues what the
pad has (no gap, no skipped range), and everything it points at or deletes exists
once it is applied, so nothing is ever left pending. Legitimate clients only ever
send such updates. Only then is it applied, inside a guard that catches yrs's
panics narrowly; a document that refused an update is thrown away and rebuilt.
"""

from pycrdt import Doc, Text

# The text a client edits: ydoc.getText("pad").
TEXT = "pad"
MAX_CLOCK = 2**32 - 1
MAX_CLIENT = 2**53 - 1
MAX_DEPTH = 32


class UpdateDoesNotApply(Exception):
    """The update is not one the document can take. When `touched`, it was tried
    on the document, which may be half changed: rebuild it before using it again."""

    def __init__(self, reason: str, *, touched: bool = False):
        super().__init__(reason)
        self.touched = touched


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
    """The update's struct ranges (client, first clock, end), the ids its items
    point at, and the ranges it deletes (client, start, end)."""
    reader = _Reader(update)
    groups, pointers, deletes = [], [], []
    for _ in range(reader.count()):
        structs = reader.count()
        client = reader.uint()
        start = clock = reader.uint()
        for _ in range(structs):
            info = reader.byte()
            kind = info & 0x1F
            if kind == 0:  # garbage collected: a length only
                length = reader.uint()
            elif kind == 10:
                # A skip marks a range the sender does not have: a gap.
                raise UpdateDoesNotApply("the update skips a range")
            else:
                if info & 0x80:
                    pointers.append(reader.id())  # left origin
                if info & 0x40:
                    pointers.append(reader.id())  # right origin
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
    return groups, pointers, deletes


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
    groups, pointers, deletes = _structure(update)
    after = dict(state)
    for client, start, end in groups:
        if start > state.get(client, 0):
            raise UpdateDoesNotApply(
                "the update continues edits this pad does not have"
            )
        if end > after.get(client, 0):
            after[client] = end
    if len({client for client, _, _ in groups}) != len(groups):
        raise UpdateDoesNotApply("the update lists a writer twice")
    for client, clock in pointers:
        if clock >= after.get(client, 0):
            raise UpdateDoesNotApply("the update points at text this pad does not have")
    for client, _, end in deletes:
        if end > after.get(client, 0):
            raise UpdateDoesNotApply("the update deletes text this pad does not have")


def _is_yrs_panic(error: BaseException) -> bool:
    # pyo3 makes the class at run time (module "pyo3_runtime"); it cannot be
    # imported, so it is recognised by name, and nothing else is caught.
    kind = type(error)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def update_apply(doc: Doc, update: bytes) -> None:
    """Read `update` against `doc`'s state, apply it and read the text back; or
    raise UpdateDoesNotApply."""
    update_fits(update, state_of(doc.get_state()))
    try:
        doc.apply_update(update)
        str(doc.get(TEXT, type=Text))
    except Exception as error:  # pycrdt's own decoding errors
        raise UpdateDoesNotApply(str(error)[:200], touched=True) from None
    except BaseException as error:
        if not _is_yrs_panic(error):
            raise
        raise UpdateDoesNotApply(str(error)[:200], touched=True) from None
