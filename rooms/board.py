"""What a whiteboard's Yjs document may hold, read from each update before and
after it is applied (docs/live-room.md, "The whiteboard").

A board is one root, the Y.Map "board": Excalidraw's elements keyed by their id,
each a plain JSON value (Yjs's ContentAny) that the page replaces whole when the
element's version grows (static/src/room/board.js). So an update to a board may
only make map entries under that root, or overwrite and delete them: no other
root, no nested shared type, no text. Once applied, the entries it wrote must be
elements (objects with a string type) and never images (images are off: a file's
bytes would sit in every update of the log), and the board holds at most
MAX_ELEMENTS entries, counted on the socket's copy of the document, deleted
elements included (Excalidraw keeps them, marked, so that a late edit cannot bring
one back; a page drops them from the map once it holds 200, so erasing does not
use up the cap). The text pad's checks (rooms.crdt) run as well, unchanged.
"""

from pycrdt import Doc, Map

from rooms.crdt import UpdateDoesNotApply, _content, _Reader, update_apply

ROOT = "board"
MAX_ELEMENTS = 5000
# Content kinds a board's items may have: deleted (1) and plain values (8).
_KINDS = {1, 8}


def _shape_check(update: bytes) -> None:
    """Refuse an update that writes anywhere but entries of the root map, or writes
    anything but plain values there."""
    reader = _Reader(update)
    for _ in range(reader.count()):
        count = reader.count()
        reader.uint()  # client
        reader.uint()  # first clock
        for _ in range(count):
            info = reader.byte()
            kind = info & 0x1F
            if kind == 0:  # garbage collected: a length only
                reader.uint()
                continue
            if kind not in _KINDS:
                raise UpdateDoesNotApply(
                    "a board holds only drawn elements, and this update writes "
                    "something else"
                )
            if info & 0x80:
                reader.id()
            if info & 0x40:
                reader.id()
            if not info & 0xC0:
                # No origin: the item names its parent, which must be the root.
                if reader.uint() != 1 or reader.string() != ROOT:
                    raise UpdateDoesNotApply(
                        f"a board's update writes only to its {ROOT!r} map"
                    )
                if not info & 0x20:
                    raise UpdateDoesNotApply("a board's elements are keyed by their id")
                reader.string()  # the key
            _content(reader, kind)
    # The delete set and whatever follows are read by rooms.crdt.


def _entry_refusal(key: str, value) -> str | None:
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        return f"the board's entry {key[:40]!r} is not a drawn element"
    if value["type"] == "image" or value.get("fileId") is not None:
        return "images are off on this board"
    return None


def board_update_apply(doc: Doc, update: bytes) -> None:
    """Read `update` as one for a board, apply it to `doc` as rooms.crdt applies
    any update, and check what it left; or raise UpdateDoesNotApply (touched when
    the document may hold the refused update: rebuild it)."""
    _shape_check(update)
    board = doc.get(ROOT, type=Map)
    events = []
    subscription = board.observe(events.append)
    try:
        update_apply(doc, update)
    finally:
        board.unobserve(subscription)
    for event in events:
        for key, change in event.keys.items():
            if change["action"] == "delete":
                continue
            refusal = _entry_refusal(key, change.get("newValue"))
            if refusal is not None:
                raise UpdateDoesNotApply(refusal, touched=True)
    if len(board) > MAX_ELEMENTS:
        raise UpdateDoesNotApply(
            f"a board holds {MAX_ELEMENTS:,} elements at most", touched=True
        )


def board_elements(doc: Doc) -> list[dict]:
    """The board's elements as stored, deleted ones left out."""
    board = doc.get(ROOT, type=Map)
    return [
        value
        for value in board.to_py().values()
        if isinstance(value, dict) and not value.get("isDeleted")
    ]
