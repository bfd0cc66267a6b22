"""A round practised alone replays as a mock's does: its one person's text under
their name, no partner, and the final text to download."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from pycrdt import Doc, Text

from practice.services.solo import solo_practice_start
from rooms.models import Pad, PadKind, PadUpdate
from rooms.services.pads import round_pads_ensure
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def practised(alice):
    practice = solo_practice_start(user=alice, question=QuestionFactory())
    round_ = practice.session.rounds.get()
    pad = round_pads_ensure(round_=round_)[PadKind.SHARED]
    doc = Doc()
    doc["pad"] = Text()
    doc["pad"] += "def merge(bookings):\n"
    PadUpdate.objects.create(pad=pad, data=doc.get_update(), author=alice)
    Pad.objects.filter(pk=pad.pk).update(log_bytes=pad.log_bytes + 1)
    round_.started_at = round_.started_at or timezone.now()
    round_.ended_at = timezone.now()
    round_.save()
    return round_


def test_its_one_person_is_named_and_nobody_else(client, practised, alice):
    client.force_login(alice)
    url = reverse("round-replay-updates", args=[practised.session_id, 0])
    found = json.loads(client.get(url).content)

    assert [person["name"] for person in found["people"]] == ["Alice"]
    assert found["authors"][-1] == 0


def test_its_final_text_downloads_for_them_alone(client, practised, alice):
    url = reverse("round-replay-download", args=[practised.session_id, 0])
    client.force_login(alice)
    response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().endswith("def merge(bookings):\n")
    assert (
        client.get(reverse("round-replay", args=[practised.session_id, 0])).status_code
        == 200
    )
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
