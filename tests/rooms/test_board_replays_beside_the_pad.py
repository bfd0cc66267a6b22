"""The replay page scrubs the whiteboard with the pad: its updates come with their
moments from the same address (`?pad=board`), to the round's two people only, and
the page offers the board only when something was drawn."""

import base64
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from pycrdt import Decoder, Doc, Map

from rooms.board import board_elements
from rooms.models import PadKind, PadUpdate
from rooms.selectors.replay import round_replay
from rooms.services.pads import round_pads_ensure
from tests.factories import UserFactory
from tests.feedback.support import finished_session, rounds_of

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def round_(alice, bob):
    first = rounds_of(finished_session(host=alice, partner=bob))[0]
    board = round_pads_ensure(round_=first)[PadKind.BOARD]
    doc = Doc()
    elements = doc.get("board", type=Map)
    for minute, key in ((3, "box"), (9, "arrow")):
        before = doc.get_state()
        elements[key] = {"id": key, "type": "rectangle", "version": 1}
        row = PadUpdate.objects.create(pad=board, data=doc.get_update(before))
        PadUpdate.objects.filter(pk=row.pk).update(
            created_at=first.started_at + timedelta(minutes=minute)
        )
    board.log_count = 2
    board.save(update_fields=["log_count"])
    return first


def test_the_boards_updates_come_with_their_moments(client, round_, alice):
    client.force_login(alice)
    url = reverse("round-replay-updates", args=[round_.session_id, round_.order])

    found = json.loads(client.get(f"{url}?pad=board").content)

    decoder = Decoder(base64.b64decode(found["updates"]))
    updates = [decoder.read_message() for _ in found["times"]]
    assert found["times"] == [180_000, 540_000]
    doc = Doc()
    doc.apply_update(updates[0])
    assert [e["id"] for e in board_elements(doc)] == ["box"]
    assert round_replay(round_=round_)["board"] is True
    page = client.get(reverse("round-replay", args=[round_.session_id, 0]))
    assert 'data-testid="replay-board"' in page.content.decode()


def test_nobody_else_gets_them(client, round_):
    client.force_login(UserFactory(email="eve@example.com"))
    url = reverse("round-replay-updates", args=[round_.session_id, round_.order])

    assert client.get(f"{url}?pad=board").status_code == 404


def test_a_board_nobody_drew_on_is_not_offered(client, alice, bob):
    first = rounds_of(finished_session(host=alice, partner=bob))[0]
    round_pads_ensure(round_=first)

    assert round_replay(round_=first)["board"] is False
