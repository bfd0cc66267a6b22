"""Under load the sockets of a process store their updates in one transaction per
batch (group commit). A batch keeps every promise of a single store: each update
is stored only if it applies to its pad as stored, in the batch's order; a refused
one costs the others nothing; each update gets the next number of its pad's log
and, unless its socket relayed it already, goes to its relay before the commit;
every replica ends as the log it follows."""

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from pycrdt import Doc, Text

from rooms.models import Pad, PadUpdate
from rooms.services.pads import (
    PadReadOnly,
    PendingUpdate,
    StoredUpdate,
    UpdateRefused,
    pad_replica_load,
    pad_rules,
    pad_text,
    pad_update_try_early,
    pad_updates_store,
)
from tests.rooms.asgi_sockets import PadSocket, run, session_cookie
from tests.rooms.room_support import room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def typed(doc: Doc, text: str) -> bytes:
    before = doc.get_state()
    field = doc.get("pad", type=Text)
    field.insert(len(field), text)
    return doc.get_update(before)


def test_one_batch_for_two_pads_and_two_sockets_of_one_pad():
    room = room_now()
    shared, notes = room.shared.pk, room.notes.pk
    first, second, third = (
        pad_replica_load(pad_id=pad) for pad in (shared, shared, notes)
    )
    people = Doc(), Doc(), Doc()
    batch = [
        PendingUpdate(first, typed(people[0], "one "), None),
        PendingUpdate(second, typed(people[1], "two "), None),
        PendingUpdate(third, typed(people[2], "notes"), None),
        PendingUpdate(first, b"\x01\x01\xff\xff\xff\xff\x0f", None),  # broken
        PendingUpdate(second, typed(people[1], "three"), None),
    ]

    outcomes = pad_updates_store(batch)

    assert [type(o) for o in outcomes] == [
        StoredUpdate,
        StoredUpdate,
        StoredUpdate,
        UpdateRefused,
        StoredUpdate,
    ]
    one, two, notes_row, _, three = outcomes
    # Numbered per pad in the order they applied.
    assert (one.seq, two.seq, three.seq, notes_row.seq) == (1, 2, 3, 1)
    log = list(PadUpdate.objects.filter(pad_id=shared).order_by("id").values_list("id"))
    assert [row for (row,) in log] == [one.row, two.row, three.row]
    stored = pad_text(pad_id=shared)
    assert sorted(stored) == sorted("one two three")
    # Each replica is the log up to its last row: the second's is the log's last.
    for replica in (first, second):
        text = str(replica.doc.get("pad", type=Text))
        assert text == pad_text(pad_id=shared, upto_id=replica.upto_id)
    assert str(second.doc.get("pad", type=Text)) == stored
    assert (first.upto_id, second.upto_id, third.upto_id) == (
        two.row,
        three.row,
        notes_row.row,
    )
    assert pad_text(pad_id=notes) == "notes"
    sizes = [len(item.data) for i, item in enumerate(batch) if i in (0, 1, 4)]
    assert Pad.objects.get(pk=shared).log_bytes == sum(sizes)
    assert Pad.objects.get(pk=shared).log_count == 3
    # Each replica is at its pad's entry 2, 3 and 1 of the log.
    entries = [
        PadUpdate.objects.filter(pad_id=r.pad_id, id__lte=r.upto_id).count()
        for r in (first, second, third)
    ]
    assert entries == [2, 3, 1]


def test_an_update_is_handed_to_its_relay_once_it_applied_before_the_commit():
    room = room_now()
    replica = pad_replica_load(pad_id=room.shared.pk)
    person = Doc()
    seen = []

    def relay():
        # Inside the batch's transaction: the row is not committed yet.
        seen.append(connection.in_atomic_block)

    [stored, refused] = pad_updates_store(
        [
            PendingUpdate(replica, typed(person, "hi"), None, relay),
            PendingUpdate(replica, b"\x01\x01\xff\xff\xff\xff\x0f", None, relay),
        ]
    )

    assert isinstance(refused, UpdateRefused)
    assert isinstance(stored, StoredUpdate)
    assert seen == [True]


def test_a_pad_that_fills_up_mid_batch_refuses_the_rest_and_keeps_the_first():
    room = room_now()
    replica = pad_replica_load(pad_id=room.shared.pk)
    person = Doc()
    updates = [typed(person, "x" * 300) for _ in range(3)]

    with override_settings(PAD_MAX_LOG_BYTES=400):
        outcomes = pad_updates_store([PendingUpdate(replica, u, None) for u in updates])

    assert [type(o) for o in outcomes] == [StoredUpdate, StoredUpdate, PadReadOnly]
    assert pad_text(pad_id=room.shared.pk) == "x" * 600


def test_many_sockets_typing_at_once_store_everything_in_order():
    room = room_now()
    cookies = [session_cookie(room.candidate), session_cookie(room.interviewer)]

    async def scenario():
        sockets = [await PadSocket(c, room.shared.pk).open() for c in cookies]
        # Both type at once, without waiting for each other: their updates meet
        # in the same batches.
        for round_ in range(20):
            for number, socket in enumerate(sockets):
                await socket.type(0, f"{number}{round_ % 10}")
        for socket in sockets:
            await socket.pump(seconds=0.5)
        for socket in sockets:
            await socket.pump()
            await socket.close()
        return sockets

    sockets = run(scenario())

    stored = pad_text(pad_id=room.shared.pk)
    assert len(stored) == 80
    assert all(socket.client.content == stored for socket in sockets)
    assert all(socket.client.all_saved() for socket in sockets)


def test_an_update_tried_before_the_lock_is_tried_again_on_a_replica_loaded_again():
    room = room_now()
    replica = pad_replica_load(pad_id=room.shared.pk)
    replica.rules = pad_rules(pad_id=room.shared.pk)
    person = Doc()
    update = typed(person, "hi")
    assert pad_update_try_early(replica, update, now=timezone.now())
    # As after a refused update or a bad row in the log: the lock loads the
    # replica from the log alone, which lacks the update tried on it.
    replica.damaged = True

    [stored] = pad_updates_store([PendingUpdate(replica, update, None, tried=True)])

    assert isinstance(stored, StoredUpdate)
    assert pad_text(pad_id=room.shared.pk) == "hi"
    assert str(replica.doc.get("pad", type=Text)) == "hi"
    assert not replica.damaged
