"""When someone is free is theirs to share: only whoever holds their booking link,
and the people they have had a session with, can see their free times or book one;
a new link shuts out the old one."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import ParticipantResponse, SessionStatus
from interviews.services.availability import (
    availability_set,
    booking_link_get_or_create,
    booking_link_renew,
)
from tests.factories import UserFactory
from tests.interviews.reminder_builders import make_session

pytestmark = pytest.mark.django_db

FORMAT = {"format": "phone-screen-e4-e5"}


@pytest.fixture
def bob_free(bob):
    availability_set(
        user=bob,
        slots=[
            {"weekday": day, "start_time": time(9), "end_time": time(17)}
            for day in range(7)
        ],
    )
    return bob


@pytest.fixture
def stranger(client):
    person = UserFactory(email="mallory@example.com", display_name="Mallory")
    client.force_login(person)
    return person


def test_a_stranger_cannot_reach_free_times_by_id_or_e_mail(client, bob_free, stranger):
    by_id = client.get(f"/sessions/availability/{bob_free.pk}/", FORMAT)
    by_id_api = client.get(f"/api/availability/{bob_free.pk}/slots/", FORMAT)
    by_email = client.get(
        reverse("availability-find"), {"email": bob_free.email}, follow=True
    )

    assert by_id.status_code == 404
    assert by_id_api.status_code == 404
    assert "Ask your friend for their booking link" in by_email.content.decode()
    assert bob_free.name not in by_email.content.decode()


def test_whoever_holds_the_link_sees_the_free_times(client, bob_free, stranger):
    token = booking_link_get_or_create(user=bob_free).token

    page = client.get(reverse("availability-book", args=[token]), FORMAT)
    api = client.get(reverse("api-availability-slots", args=[token]), FORMAT)

    assert page.status_code == 200
    assert 'data-testid="slot-day"' in page.content.decode()
    assert api.json()["owner"]["name"] == bob_free.name
    assert api.json()["slots"]


def test_a_past_partner_finds_them_by_e_mail(client, alice, bob_free):
    make_session(
        host=alice, partner=bob_free, starts_at=timezone.now() - timedelta(days=7)
    )
    client.force_login(alice)

    found = client.get(reverse("availability-find"), {"email": bob_free.email})

    assert found.status_code == 302
    assert client.get(found.url, FORMAT).status_code == 200


def test_a_new_link_shuts_out_the_old_one(client, bob_free, stranger):
    old = booking_link_get_or_create(user=bob_free).token

    new = booking_link_renew(user=bob_free).token

    assert new != old
    assert client.get(reverse("availability-book", args=[old])).status_code == 404
    booking = client.post(
        reverse("api-availability-book", args=[old]),
        {"format": "phone-screen-e4-e5", "starts_at": "2030-01-01T10:00:00Z"},
    )
    assert booking.status_code == 404
    assert (
        client.get(reverse("availability-book", args=[new]), FORMAT).status_code == 200
    )


def test_the_owner_renews_the_link_from_the_page(client, bob_free):
    client.force_login(bob_free)
    before = client.get(reverse("availability-edit")).context["booking_link"].token

    answer = client.post(reverse("availability-link-renew"), follow=True)

    after = answer.context["booking_link"].token
    assert after != before
    assert "Your booking link is new" in answer.content.decode()
    assert reverse("availability-book", args=[after]) in answer.content.decode()


def test_the_api_gives_my_booking_link_and_renews_it(client, bob_free):
    client.force_login(bob_free)
    mine = client.get(reverse("api-availability")).json()

    renewed = client.post(reverse("api-availability-link-renew")).json()

    assert mine["booking_url"].endswith(
        f"/sessions/availability/{mine['booking_token']}/"
    )
    assert renewed["booking_token"] != mine["booking_token"]
    old = client.get(reverse("api-availability-slots", args=[mine["booking_token"]]))
    assert old.status_code == 404


def test_an_invitation_alone_does_not_open_a_calendar(client, alice, bob_free):
    # Mallory-style: invite someone, cancel, then look them up by e-mail.
    make_session(
        host=alice,
        partner=bob_free,
        starts_at=timezone.now() + timedelta(days=7),
        partner_response=ParticipantResponse.PENDING,
        status=SessionStatus.CANCELLED,
    )
    client.force_login(alice)

    found = client.get(
        reverse("availability-find"), {"email": bob_free.email}, follow=True
    )

    assert "Ask your friend for their booking link" in found.content.decode()
