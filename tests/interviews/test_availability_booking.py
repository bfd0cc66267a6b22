"""Booking a friend's free slot creates the session, accepted by both; a taken,
past or unpublished time is refused with a message and nothing is written."""

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.urls import reverse

from core.errors import ApplicationError
from interviews.models import (
    Format,
    MockSession,
    Participant,
    ParticipantResponse,
    SessionStatus,
)
from interviews.services.availability import (
    availability_set,
    booking_link_get_or_create,
    slot_book,
)
from notifications.models import Message, Notification
from tests.factories import UserFactory


def link_of(owner) -> str:
    """The token of the owner's booking link: the address they share."""
    return booking_link_get_or_create(user=owner).token


pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

# Thursday 20 March 2025, noon UTC. Monday 24 March, 18:00 in Berlin is 17:00 UTC.
NOW = datetime(2025, 3, 20, 12, tzinfo=UTC)
MONDAY_18_BERLIN = datetime(2025, 3, 24, 17, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def owner(bob):
    bob.time_zone = "Europe/Berlin"
    bob.save()
    availability_set(
        user=bob,
        slots=[{"weekday": 0, "start_time": time(18), "end_time": time(20)}],
    )
    return bob


@pytest.fixture
def booker(alice):
    alice.time_zone = "America/New_York"
    alice.save()
    return alice


@pytest.fixture
def phone_screen():
    return Format.objects.get(slug="phone-screen-e4-e5", owner=None)


def written() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (MockSession, Participant, Message, Notification)
    )


def test_booking_creates_a_scheduled_session_with_both_accepted(
    owner, booker, phone_screen
):
    session = slot_book(
        booker=booker, owner=owner, format=phone_screen, starts_at=MONDAY_18_BERLIN
    )

    assert session.status == SessionStatus.SCHEDULED
    assert session.host == booker
    assert session.starts_at == MONDAY_18_BERLIN
    assert (session.ends_at - session.starts_at).total_seconds() == 45 * 60
    assert {
        (participant.user, participant.response)
        for participant in session.participants.all()
    } == {
        (booker, ParticipantResponse.ACCEPTED),
        (owner, ParticipantResponse.ACCEPTED),
    }


def test_booking_in_swap_mode_holds_two_rounds(owner, booker, phone_screen):
    session = slot_book(
        booker=booker,
        owner=owner,
        format=phone_screen,
        starts_at=MONDAY_18_BERLIN,
        swap=True,
    )

    assert session.swap
    assert (session.ends_at - session.starts_at).total_seconds() == 90 * 60
    assert session.rounds.count() == 2


def test_a_second_booking_of_the_same_slot_is_refused_and_writes_nothing(
    owner, booker, phone_screen
):
    slot_book(
        booker=booker, owner=owner, format=phone_screen, starts_at=MONDAY_18_BERLIN
    )
    carol = UserFactory(display_name="Carol")
    before = written()

    with pytest.raises(ApplicationError) as error:
        slot_book(
            booker=carol, owner=owner, format=phone_screen, starts_at=MONDAY_18_BERLIN
        )

    assert error.value.message == "Bob already has a session at that time."
    assert written() == before


def test_a_booking_overlapping_the_bookers_own_session_is_refused(
    owner, booker, phone_screen
):
    slot_book(
        booker=booker, owner=owner, format=phone_screen, starts_at=MONDAY_18_BERLIN
    )
    dave = UserFactory(display_name="Dave", time_zone="Europe/Berlin")
    availability_set(
        user=dave,
        slots=[{"weekday": 0, "start_time": time(18), "end_time": time(20)}],
    )
    before = written()

    with pytest.raises(ApplicationError, match="You already have a session"):
        slot_book(
            booker=booker,
            owner=dave,
            format=phone_screen,
            starts_at=MONDAY_18_BERLIN.replace(minute=30),
        )

    assert written() == before


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        # 17:00 in Berlin: before the window opens.
        (datetime(2025, 3, 24, 16, tzinfo=UTC), "Bob is not available then"),
        # 19:30 in Berlin: 45 minutes do not fit before 20:00.
        (datetime(2025, 3, 24, 18, 30, tzinfo=UTC), "for the whole 45 minutes"),
        # Tuesday: no window at all.
        (datetime(2025, 3, 25, 17, tzinfo=UTC), "Bob is not available then"),
        # Monday the 17th, 18:00 in Berlin: already past.
        (datetime(2025, 3, 17, 17, tzinfo=UTC), "That time has passed"),
    ],
)
def test_a_time_outside_the_windows_or_in_the_past_is_refused(
    owner, booker, phone_screen, starts_at, message
):
    before = written()

    with pytest.raises(ApplicationError, match=message):
        slot_book(booker=booker, owner=owner, format=phone_screen, starts_at=starts_at)

    assert written() == before


def test_the_window_is_read_in_the_owners_zone_after_the_clocks_change(
    owner, booker, phone_screen
):
    # On 31 March Berlin is on summer time: its 18:00–20:00 window is 16:00–18:00
    # UTC, an hour earlier than a week before; 19:30 there leaves no 45 minutes.
    summer_18 = datetime(2025, 3, 31, 16, tzinfo=UTC)
    summer_19_30 = datetime(2025, 3, 31, 17, 30, tzinfo=UTC)

    session = slot_book(
        booker=booker, owner=owner, format=phone_screen, starts_at=summer_18
    )
    with pytest.raises(ApplicationError, match="for the whole 45 minutes"):
        slot_book(
            booker=booker, owner=owner, format=phone_screen, starts_at=summer_19_30
        )

    assert session.starts_at == summer_18


def test_nobody_books_their_own_availability(owner, phone_screen):
    with pytest.raises(ApplicationError, match="your own availability"):
        slot_book(
            booker=owner, owner=owner, format=phone_screen, starts_at=MONDAY_18_BERLIN
        )


# Page and API ---------------------------------------------------------------------


def test_booking_on_the_page_opens_the_new_session(client, owner, booker):
    client.force_login(booker)

    answer = client.post(
        reverse("availability-book-post", args=[link_of(owner)]),
        {"format": "phone-screen-e4-e5", "starts_at": "2025-03-24T13:00:00-04:00"},
    )

    session = MockSession.objects.get()
    assert answer.status_code == 302
    assert answer.url == reverse("session-detail", args=[session.pk])
    assert session.starts_at == MONDAY_18_BERLIN
    assert session.status == SessionStatus.SCHEDULED


def test_a_refused_booking_on_the_page_says_why_and_goes_back_to_the_slots(
    client, owner, booker, phone_screen
):
    slot_book(
        booker=UserFactory(),
        owner=owner,
        format=phone_screen,
        starts_at=MONDAY_18_BERLIN,
    )
    client.force_login(booker)

    answer = client.post(
        reverse("availability-book-post", args=[link_of(owner)]),
        {
            "format": "phone-screen-e4-e5",
            "swap": "1",
            "starts_at": "2025-03-24T13:00:00-04:00",
        },
        follow=True,
    )

    assert answer.redirect_chain[0][0] == (
        reverse("availability-book", args=[link_of(owner)])
        + "?format=phone-screen-e4-e5&swap=1"
    )
    assert "Bob already has a session at that time." in answer.content.decode()
    assert MockSession.objects.count() == 1


def test_the_api_books_a_slot_and_refuses_the_same_slot_twice(client, owner, booker):
    client.force_login(booker)
    url = reverse("api-availability-book", args=[link_of(owner)])
    body = {"format": "phone-screen-e4-e5", "starts_at": "2025-03-24T17:00:00Z"}

    first = client.post(url, body, content_type="application/json")
    second = client.post(url, body, content_type="application/json")

    assert first.status_code == 201
    assert first.json()["status"] == "scheduled"
    assert first.json()["url"] == reverse("session-detail", args=[first.json()["id"]])
    assert second.status_code == 400
    assert second.json()["detail"] == "Bob already has a session at that time."
    assert MockSession.objects.count() == 1


def test_the_api_reads_a_time_without_offset_in_the_bookers_zone(client, owner, booker):
    client.force_login(booker)

    answer = client.post(
        reverse("api-availability-book", args=[link_of(owner)]),
        {"format": "phone-screen-e4-e5", "starts_at": "2025-03-24T13:00"},
        content_type="application/json",
    )

    assert answer.status_code == 201
    assert MockSession.objects.get().starts_at == MONDAY_18_BERLIN


def test_a_start_time_that_is_not_a_time_is_refused_on_the_page(client, owner, booker):
    client.force_login(booker)

    answer = client.post(
        reverse("availability-book-post", args=[link_of(owner)]),
        {"format": "phone-screen-e4-e5", "starts_at": "next monday"},
        follow=True,
    )

    assert "That start time is not one we offered." in answer.content.decode()
    assert MockSession.objects.count() == 0
