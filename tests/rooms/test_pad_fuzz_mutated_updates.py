"""Thousands of real updates bent by hypothesis (clocks and lengths claimed far ahead,
bits flipped, bytes cut off or spliced) against one pad: whatever is refused is not
stored, whatever is stored loads for a fresh client, and through the socket no input
ends the connection with a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycrdt import Doc, Text, create_update_message

from rooms.models import PadUpdate
from rooms.services.pads import (
    UpdateRefused,
    pad_document,
    pad_replica_load,
    pad_update_store,
)
from tests.rooms.asgi_sockets import PadSocket, closes, run, session_cookie
from tests.rooms.room_support import room_now
from tests.rooms.update_mutations import bent_updates, mutated_update

# PostgreSQL mode only: what is fuzzed is the pad's reading of updates, the same
# code under either database; the embedded pass checks the pad's bad input through
# test_pad_stores_only_updates_that_apply and test_room_sockets.


def loads_for_a_fresh_client(pad_id) -> str:
    stored = pad_document(pad_id=pad_id)
    client = Doc()
    client.apply_update(stored.get_update())
    return str(client.get("pad", type=Text))


@pytest.fixture
def pad_id(db):
    # One pad for every example of the run: the log grows as hypothesis goes, so
    # later examples are tried on a document holding what earlier ones stored.
    return room_now().shared.pk


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(updates=st.lists(mutated_update(), min_size=1, max_size=12))
def test_whatever_is_stored_still_loads(pad_id, updates):
    replica = pad_replica_load(pad_id=pad_id)
    before = PadUpdate.objects.filter(pad_id=pad_id).count()
    stored = 0
    for update in updates:
        try:
            pad_update_store(replica=replica, data=update, author_id=None)
        except UpdateRefused:
            continue
        stored += 1

    assert PadUpdate.objects.filter(pad_id=pad_id).count() == before + stored
    text = loads_for_a_fresh_client(pad_id)
    assert str(replica.doc.get("pad", type=Text)) == text


@pytest.mark.django_db(transaction=True)
def test_no_bent_update_ends_the_pad_socket_with_a_server_error():
    room = room_now()
    pad = room.shared
    cookie = session_cookie(room.candidate)
    bent = bent_updates(150, seed=14)

    async def scenario():
        codes = []
        writer = await PadSocket(cookie, pad.pk).open()
        for update in bent:
            await writer.send(create_update_message(update))
            got = await writer.pump(seconds=0.01)
            if closes(got):
                codes += closes(got)
                writer = await PadSocket(cookie, pad.pk).open(seconds=0.05)
        await writer.close()
        reader = await PadSocket(cookie, pad.pk).open()
        await reader.close()
        return codes, reader.client.content

    codes, content = run(scenario())

    assert codes and set(codes) == {4400}
    assert content == loads_for_a_fresh_client(pad.pk)
