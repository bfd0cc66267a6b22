"""After a round, its two people replay the shared pad: every stored update with its
moment, and the room's events as markers; nobody else, and nothing before the end."""

import base64
import gzip
import json
from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from pycrdt import Decoder, Doc, Text

from rooms.models import Pad, PadKind, PadUpdate, RoomEvent, RoomEventKind
from rooms.selectors.replay import round_replay
from rooms.services.pads import round_pads_ensure
from tests.factories import UserFactory
from tests.feedback.support import finished_session, rounds_of

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def typed(doc: Doc, text: str) -> bytes:
    before = doc.get_state()
    doc["pad"] += text
    return doc.get_update(before)


@pytest.fixture
def round_(alice, bob):
    first = rounds_of(finished_session(host=alice, partner=bob))[0]
    pad = round_pads_ensure(round_=first)[PadKind.SHARED]
    doc = Doc()
    doc["pad"] = Text()
    for minute, text in ((2, "def merge(bookings):\n"), (20, "    return []\n")):
        row = PadUpdate.objects.create(pad=pad, data=typed(doc, text))
        PadUpdate.objects.filter(pk=row.pk).update(
            created_at=first.started_at + timedelta(minutes=minute)
        )
    RoomEvent.objects.create(
        round=first,
        kind=RoomEventKind.SEGMENT,
        at=first.started_at + timedelta(minutes=5),
        elapsed=timedelta(minutes=5),
        data={"segment": 1},
    )
    return first


def updates_of(body: bytes) -> list[tuple[int, bytes]]:
    found = json.loads(body)
    decoder = Decoder(base64.b64decode(found["updates"]))
    return [(t, decoder.read_message()) for t in found["times"]]


def test_the_replay_holds_each_update_at_its_moment_and_the_markers(
    client, round_, alice
):
    replay = round_replay(round_=round_)
    client.force_login(alice)
    url = reverse("round-replay-updates", args=[round_.session_id, round_.order])
    response = client.get(url)

    assert response.status_code == 200
    updates = updates_of(response.content)
    assert [t for t, _ in updates][-2:] == [120_000, 1_200_000]
    doc = Doc()
    for _, update in updates:
        doc.apply_update(update)
    assert str(doc.get("pad", type=Text)) == "def merge(bookings):\n    return []\n"
    assert replay["events"] == [{"t": 300_000, "label": "Part: Coding"}]
    assert replay["duration"] >= 45 * 60_000


def test_the_updates_come_compressed_and_change_when_the_log_does(
    client, round_, alice
):
    client.force_login(alice)
    url = reverse("round-replay-updates", args=[round_.session_id, round_.order])
    pad = round_.pads.get(kind=PadKind.SHARED)
    doc = Doc()
    doc.get("pad", type=Text)
    for _, update in updates_of(client.get(url).content):
        doc.apply_update(update)

    def type_line(text):
        # As a store does (the round is long over, so written directly here).
        data = typed(doc, text)
        PadUpdate.objects.create(pad=pad, data=data)
        Pad.objects.filter(pk=pad.pk).update(log_bytes=F("log_bytes") + len(data))

    # Within the grace for edits in flight after the round, the log may still grow.
    for number in range(40):
        type_line(f"# line {number}\n")
    plain = client.get(url).content
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain
    assert len(packed.content) < len(plain) / 2
    assert len(updates_of(plain)) == 42
    type_line("# late\n")
    assert len(updates_of(client.get(url).content)) == 43


def test_only_the_rounds_people_open_it_and_only_once_it_is_over(
    client, round_, alice, bob
):
    url = reverse("round-replay", args=[round_.session_id, round_.order])
    updates = reverse("round-replay-updates", args=[round_.session_id, round_.order])
    for person in (alice, bob):
        client.force_login(person)
        assert client.get(url).status_code == 200
        assert client.get(updates).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(updates).status_code == 404

    round_.ended_at = None
    round_.save()
    round_.session.__class__.objects.filter(pk=round_.session_id).update(
        ends_at=round_.started_at + timedelta(days=3)
    )
    client.force_login(alice)
    assert client.get(url).status_code == 404
