"""After a round, its two people replay the shared pad: every stored update with its
moment, and the room's events as markers; nobody else, and nothing before the end."""

from datetime import timedelta

import pytest
from django.urls import reverse
from pycrdt import Doc, Text

from rooms.models import PadKind, PadUpdate, RoomEvent, RoomEventKind
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


def test_the_replay_holds_each_update_at_its_moment_and_the_markers(round_):
    replay = round_replay(round_=round_)

    moments = [each["t"] for each in replay["updates"]]
    assert moments[-2:] == [120_000, 1_200_000]
    assert replay["events"] == [{"t": 300_000, "label": "Part: Coding"}]
    assert replay["duration"] >= 45 * 60_000


def test_only_the_rounds_people_open_it_and_only_once_it_is_over(
    client, round_, alice, bob
):
    url = reverse("round-replay", args=[round_.session_id, round_.order])
    for person in (alice, bob):
        client.force_login(person)
        assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    round_.ended_at = None
    round_.save()
    round_.session.__class__.objects.filter(pk=round_.session_id).update(
        ends_at=round_.started_at + timedelta(days=3)
    )
    client.force_login(alice)
    assert client.get(url).status_code == 404
