"""An update whose item has its right origin at or before its origin, in one run of
its writer's text, is refused: yrs would place the item before its right origin when
it applies the update, and after its origin when it loads the pad again, so the pad
as stored and the pad as loaded would differ (found by
test_pad_fuzz_mutated_updates.py: a bent clock, or a copy of an update claiming
clocks the pad has). Updates a client makes are still taken; an update that would
be left half applied is refused too."""

import pytest
from pycrdt import Doc, Text

from rooms.crdt import UpdateDoesNotApply, update_apply
from rooms.services.pads import (
    UpdateRefused,
    pad_document,
    pad_replica_load,
    pad_update_store,
)
from tests.rooms.room_support import room_now
from tests.rooms.update_mutations import write_var_uint

pytestmark = pytest.mark.embedded

ALICE, BOB = 1001, 2002
CODE = "def merge(bookings):\n"
QUESTION = "# Bob: what about empty input?\n"


def _string(text: str) -> bytes:
    data = text.encode()
    return write_var_uint(len(data)) + data


def typed(client, clock, text, *, origin=None, right=None) -> bytes:
    """An update of one run of text typed into "pad" by `client` from `clock`, after
    `origin` and before `right` (ids, or None for the pad's start or end)."""
    return typed_runs(client, clock, [(text, origin, right)])


def typed_runs(client, clock, runs) -> bytes:
    """An update of runs of text (text, origin, right origin) typed by `client`
    from `clock` on, one struct each."""
    body = b""
    for text, origin, right in runs:
        body += bytes([4 | (0x80 if origin else 0) | (0x40 if right else 0)])
        for id_ in (origin, right):
            if id_:
                body += write_var_uint(id_[0]) + write_var_uint(id_[1])
        if not origin and not right:
            body += write_var_uint(1) + _string("pad")
        body += _string(text)
    head = write_var_uint(1) + write_var_uint(len(runs))
    return head + write_var_uint(client) + write_var_uint(clock) + body + b"\x00"


def deleted(client, clock, length) -> bytes:
    """An update deleting `length` of `client`'s items from `clock`."""
    ranges = write_var_uint(clock) + write_var_uint(length)
    return b"\x00\x01" + write_var_uint(client) + b"\x01" + ranges


# Alice's line, then Bob's question typed before it: ids (BOB, 0..30).
START = [
    typed(ALICE, 0, CODE),
    typed(BOB, 0, QUESTION, right=(ALICE, 0)),
]
# Bob types "é✓" after "# Bob" (his id 4) and before ":" (his id 5), as pycrdt
# encodes it; the bent copy names his id 20 ('p' of "empty") as its origin.
ACCENTS = typed(BOB, 31, "é✓", origin=(BOB, 4), right=(BOB, 5))
BENT = typed(BOB, 31, "é✓", origin=(BOB, 20), right=(BOB, 5))


def text_of(doc: Doc) -> str:
    return str(doc.get("pad", type=Text))


def loaded(doc: Doc) -> str:
    """The text a client loading `doc` whole sees."""
    fresh = Doc()
    fresh.apply_update(doc.get_update())
    return text_of(fresh)


def built(updates) -> Doc:
    doc = Doc()
    for update in updates:
        update_apply(doc, update)
    return doc


def test_the_updates_are_what_pycrdt_sends():
    sent = []
    alice, bob = Doc(client_id=ALICE), Doc(client_id=BOB)
    alice.observe(lambda event: sent.append(event.update))
    bob.observe(lambda event: sent.append(event.update))
    alice.get("pad", type=Text).insert(0, CODE)
    bob.apply_update(alice.get_update())
    sent.clear()
    bob.get("pad", type=Text).insert(0, QUESTION)
    bob.get("pad", type=Text).insert(5, "é✓")

    assert sent == START[1:] + [ACCENTS]
    assert typed(ALICE, 0, CODE) == alice.get_update()
    doc = built(START + [ACCENTS])
    assert text_of(doc) == text_of(bob) == loaded(doc)


def test_an_origin_bent_past_the_right_origin_is_refused():
    doc = built(START)

    with pytest.raises(UpdateDoesNotApply, match="right origin before its origin"):
        update_apply(doc, BENT)


def test_what_yrs_would_make_of_it_does_not_load_the_same():
    # The reason for the refusal, kept visible: applied unchecked, the item lands
    # before ":" (the block holding ids 0..30 is cut at 5 after the origin was
    # found at 20), and a fresh load puts it after "emp".
    doc = built(START)
    doc.apply_update(BENT)

    assert text_of(doc) == "# Bobé✓: what about empty input?\n" + CODE
    assert loaded(doc) == "# Bob: what about empé✓ty input?\n" + CODE


def test_a_copy_claiming_clocks_the_pad_has_is_placed_after_them_and_refused():
    # A copy of Bob's question claiming clocks 1..31: the pad has 0..30, so only
    # id 31 (the last "\n") is new, placed after id 30. Bob's own "é✓" at 31 then
    # overlaps by one: its "✓" would follow id 31 with its right origin at 5.
    doc = built(START + [typed(BOB, 1, QUESTION, right=(ALICE, 0))])
    assert text_of(doc) == QUESTION + "\n" + CODE

    with pytest.raises(UpdateDoesNotApply, match="right origin before its origin"):
        update_apply(doc, ACCENTS)


def test_the_run_is_refused_when_all_of_it_is_deleted():
    # No visible text between origin and right origin: the ids say they are one run.
    doc = built(START + [deleted(BOB, 0, 31)])
    assert text_of(doc) == CODE

    with pytest.raises(UpdateDoesNotApply, match="right origin before its origin"):
        update_apply(doc, BENT)


def test_typing_before_ones_own_text_is_taken_even_when_it_was_deleted_meanwhile():
    # Alice types "ab", then "XY" before it; offline, she types "!" between Y and
    # a (its origin her id 3, its right origin her id 0: an earlier id that lies
    # after it), deletes it, and types "ok" at the end. Bob has deleted "XYab"
    # meanwhile: on the server all of it is deleted, with nothing visible between
    # origin and right origin, and the ids tell they are not one run.
    alice, server = Doc(client_id=ALICE), Doc()
    text = alice.get("pad", type=Text)
    text.insert(0, "ab")
    text.insert(0, "XY")
    update_apply(server, alice.get_update())
    bob = Doc(client_id=BOB)
    bob.apply_update(server.get_update())
    before = bob.get_state()
    del bob.get("pad", type=Text)[0:4]
    update_apply(server, bob.get_update(before))
    text.insert(2, "!")
    del text[2:3]
    text.insert(4, "ok")

    update_apply(server, alice.get_update(server.get_state()))
    alice.apply_update(server.get_update(alice.get_state()))

    assert text_of(server) == text_of(alice) == loaded(server) == "ok"


def test_an_update_of_many_such_items_is_read_from_its_ids():
    # Bob types 20 characters between "# Bob" and ":", one struct each: each has
    # his id 5 as right origin, past the few whose places are read.
    runs = [("x", (BOB, 4), (BOB, 5))]
    runs += [("x", (BOB, clock), (BOB, 5)) for clock in range(31, 50)]
    doc = built(START + [typed_runs(BOB, 31, runs)])
    assert text_of(doc) == loaded(doc) == "# Bob" + "x" * 20 + QUESTION[5:] + CODE

    # The same with the first origin bent to his id 20: unchecked, the 20 land
    # after "# Bob", and after "emp" when loaded.
    bent = [("x", (BOB, 20), (BOB, 5))] + runs[1:]
    doc = built(START)
    with pytest.raises(UpdateDoesNotApply, match="right origin before its origin"):
        update_apply(doc, typed_runs(BOB, 31, bent))


def test_an_item_waiting_for_a_later_id_of_its_own_update_is_refused():
    # Its origin is its own id 5: yrs would keep it pending for ever, in the
    # replica only.
    doc = built(START)

    with pytest.raises(UpdateDoesNotApply, match="left pending") as refused:
        update_apply(doc, typed(ALICE, 21, "return []\n", origin=(ALICE, 26)))
    assert refused.value.touched


@pytest.fixture
def pad_id(db):
    return room_now().shared.pk


def test_the_stored_pad_loads_as_the_socket_built_it(pad_id):
    replica = pad_replica_load(pad_id=pad_id)
    for update in START:
        pad_update_store(replica=replica, data=update, author_id=None)

    with pytest.raises(UpdateRefused):
        pad_update_store(replica=replica, data=BENT, author_id=None)
    pad_update_store(replica=replica, data=ACCENTS, author_id=None)

    stored = text_of(pad_document(pad_id=pad_id))
    assert text_of(replica.doc) == stored == loaded(pad_document(pad_id=pad_id))
    assert "# Bobé✓: what about empty input?\n" + CODE in stored
