"""Each text about a session says what happened, to the person reading it: a booking
in someone's free time tells its owner it was booked (not that they were invited or
accepted), a declined invitation reads as declined, a pending one as waiting for
whoever must answer, and a session under way as in progress."""

import re
from datetime import UTC, datetime, time, timedelta
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from config.celery import app as celery_app
from interviews.models import Format
from interviews.services.availability import availability_set, slot_book
from interviews.services.sessions import session_decline, session_schedule
from notifications.models import Message, Notification
from tests.interviews.sessions_support import book, builtin

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

# Thursday 20 March 2025, noon UTC; Monday 24 March, 18:00 in Berlin is 17:00 UTC.
NOW = datetime(2025, 3, 20, 12, tzinfo=UTC)
MONDAY_18_BERLIN = datetime(2025, 3, 24, 17, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def eager_tasks(django_capture_on_commit_callbacks):
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def phone_screen():
    return Format.objects.get(slug="phone-screen-e4-e5", owner=None)


def status_on_page(client, user, url: str) -> list[str]:
    client.force_login(user)
    html = client.get(url).content.decode()
    return [
        unescape(text)
        for text in re.findall(r'data-testid="(?:card-)?status">([^<]+)<', html)
    ]


def test_booking_free_time_tells_the_owner_it_was_booked_and_asks_nothing(
    client, alice, bob, phone_screen, eager_tasks, django_capture_on_commit_callbacks
):
    bob.time_zone = "Europe/Berlin"
    bob.save()
    availability_set(
        user=bob, slots=[{"weekday": 0, "start_time": time(18), "end_time": time(20)}]
    )

    with django_capture_on_commit_callbacks(execute=True):
        session = slot_book(
            booker=alice, owner=bob, format=phone_screen, starts_at=MONDAY_18_BERLIN
        )

    assert list(
        Message.objects.filter(topic__contains=":email:").values_list("kind", flat=True)
    ) == [
        "Session: booked in free time",
        "Session: booked in free time",
    ]
    by_address = {message.to[0]: message for message in mail.outbox}
    to_bob, to_alice = by_address[bob.email], by_address[alice.email]
    assert to_bob.subject.startswith(
        "[Mockloop] Alice booked a mock in your free time: Phone screen (E4/E5)"
    )
    assert "booked a mock interview in the free time you published" in to_bob.body
    assert "Accept, decline or propose" not in to_bob.body
    assert to_alice.subject.startswith("[Mockloop] Booked: Phone screen (E4/E5)")
    assert "is booked in their free time" in to_alice.body
    bells = list(Notification.objects.values_list("user__email", "text"))
    assert len(bells) == 1
    assert bells[0][0] == bob.email
    assert bells[0][1].startswith("Alice booked a mock in your free time")
    assert not Notification.objects.filter(text__contains="accepted").exists()
    assert status_on_page(client, bob, f"/sessions/{session.pk}/") == ["Scheduled"]


def test_a_pending_invitation_reads_as_waiting_for_whoever_must_answer(
    client, alice, bob, phone_screen
):
    session = session_schedule(
        host=alice,
        partner=bob,
        format=phone_screen,
        starts_at=NOW + timedelta(days=2),
    )
    detail = reverse("session-detail", args=[session.pk])

    assert status_on_page(client, alice, detail) == ["Waiting for Bob's answer"]
    assert status_on_page(client, bob, detail) == ["Waiting for your answer"]
    assert status_on_page(client, bob, "/sessions/") == ["Waiting for your answer"]


def test_a_declined_invitation_reads_as_declined_not_cancelled(
    client, alice, bob, phone_screen
):
    session = session_schedule(
        host=alice,
        partner=bob,
        format=phone_screen,
        starts_at=NOW + timedelta(days=2),
    )
    session_decline(session=session, user=bob, reason="Away that week")
    detail = reverse("session-detail", args=[session.pk])

    assert status_on_page(client, alice, "/sessions/") == ["Bob declined"]
    assert status_on_page(client, alice, detail) == ["Bob declined"]
    assert status_on_page(client, bob, "/sessions/") == ["You declined"]
    assert Notification.objects.get(user=alice).text.startswith("Bob declined")


def test_scheduling_says_who_was_invited_or_that_a_link_waits_to_be_shared(
    client, alice, bob
):
    client.force_login(alice)
    form = {
        "format": builtin().pk,
        "date": "2025-03-25",
        "time": "10:00",
        "host_role": "candidate",
    }

    invited = client.post(
        "/sessions/new/", {**form, "partner_email": bob.email}, follow=True
    )
    by_link = client.post(
        "/sessions/new/", {**form, "time": "14:00", "make_link": "on"}, follow=True
    )

    assert (
        "Invitation sent to bob@example.com. The session is confirmed once they "
        "accept." in invited.content.decode()
    )
    assert "Session created. Share the invitation link below" in (
        by_link.content.decode()
    )
    assert "The session is booked" not in invited.content.decode()


def test_a_session_under_way_reads_as_in_progress(client, alice, bob):
    session = book(host=alice, partner=bob, starts_at=NOW + timedelta(hours=1))

    with time_machine.travel(session.starts_at + timedelta(minutes=5), tick=False):
        # Its time has come, but nobody started a round yet.
        assert status_on_page(client, alice, "/sessions/") == ["Scheduled"]
        session.rounds.filter(order=0).update(started_at=session.starts_at)
        assert status_on_page(client, alice, "/sessions/") == ["In progress"]
        assert status_on_page(client, alice, "/") == ["In progress"]
