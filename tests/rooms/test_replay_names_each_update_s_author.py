"""The replay's updates say who sent each one, as an index into the people who
wrote in the pad, each named as the session names them and in a colour of their
own; the outline the pad began with is nobody's. The names are read afresh while
the updates stay cached."""

import json
from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from pycrdt import Doc, Text

from interviews.models import Participant
from rooms.models import Pad, PadKind, PadUpdate
from rooms.selectors.replay import PALETTE
from rooms.services.pads import round_pads_ensure
from tests.factories import UserFactory
from tests.feedback.support import finished_session, rounds_of

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def round_(alice, bob):
    first = rounds_of(finished_session(host=alice, partner=bob))[0]
    pad = round_pads_ensure(round_=first)[PadKind.SHARED]
    doc = Doc()
    doc["pad"] = Text()
    for minute, author, text in (
        (0, None, "# Merge the bookings.\n"),
        (2, bob, "def merge(bookings):\n"),
        (3, alice, "    # sort first?\n"),
        (4, bob, "    return []\n"),
    ):
        before = doc.get_state()
        doc["pad"] += text
        row = PadUpdate.objects.create(
            pad=pad, data=doc.get_update(before), author=author
        )
        PadUpdate.objects.filter(pk=row.pk).update(
            created_at=first.started_at + timedelta(minutes=minute)
        )
    return first


def replay_of(client, round_, person) -> dict:
    client.force_login(person)
    url = reverse("round-replay-updates", args=[round_.session_id, round_.order])
    return json.loads(client.get(url).content)


def test_each_update_points_at_its_author_and_the_outline_at_nobody(
    client, round_, alice, bob
):
    found = replay_of(client, round_, alice)

    names = [person["name"] for person in found["people"]]
    assert names == ["Bob", "Alice"]
    assert [person["id"] for person in found["people"]] == [bob.pk, alice.pk]
    # The pad began with its outline, written by the server.
    assert found["authors"][0] is None
    assert found["authors"][-3:] == [0, 1, 0]
    assert len(found["authors"]) == len(found["times"])


def test_each_person_has_a_colour_of_their_own(client, round_, alice, bob):
    people = replay_of(client, round_, bob)["people"]

    colours = [person["colour"] for person in people]
    assert set(colours) <= set(PALETTE)
    assert len(set(colours)) == 2


def test_two_people_whose_room_colours_clash_get_two_colours(
    client, round_, alice, bob
):
    # The room colours a cursor by its person's id: ids six apart share one.
    other = UserFactory()
    while (other.pk - alice.pk) % len(PALETTE):
        other = UserFactory()
    pad = round_.pads.get(kind=PadKind.SHARED)
    PadUpdate.objects.filter(pad=pad, author=bob).update(author=other)
    # As a new update would, so the cached updates are read anew.
    Pad.objects.filter(pk=pad.pk).update(log_bytes=F("log_bytes") + 1)

    people = replay_of(client, round_, alice)["people"]

    assert [person["id"] for person in people] == [other.pk, alice.pk]
    assert people[0]["colour"] == PALETTE[other.pk % len(PALETTE)]
    assert people[1]["colour"] != people[0]["colour"]
    # Someone not in the session keeps the name of their account.
    assert people[0]["name"] == other.name


def test_a_new_name_shows_though_the_updates_are_cached(client, round_, alice, bob):
    replay_of(client, round_, alice)
    bob.display_name = "Robert"
    bob.save(update_fields=["display_name"])

    assert replay_of(client, round_, alice)["people"][0]["name"] == "Robert"


def test_someone_still_invited_by_address_is_named_by_it(client, round_, alice, bob):
    # As the session shows a participant who has not answered yet.
    Participant.objects.filter(session=round_.session, user=bob).update(
        email="bob.work@example.com", response="pending"
    )

    assert replay_of(client, round_, alice)["people"][0]["name"] == (
        "bob.work@example.com"
    )
