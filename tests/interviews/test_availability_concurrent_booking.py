"""Two bookings of the same slot at the same moment, on PostgreSQL: exactly one
session is created, the other person is told the time is taken."""

import importlib
import threading
import time as clock
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import Format, MockSession, Participant
from interviews.services import availability
from notifications.models import Message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    # Transactional tests empty every table when they end, the built-in formats of
    # the migrations included. serialized_rollback stops bringing them back once a
    # Playwright test has run in the session (seen with pytest-django 4.14).
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


@pytest.fixture
def queued_emails(monkeypatch):
    """The drains queued after commit, instead of filling the shared broker."""
    queued = []
    monkeypatch.setattr(
        "core.tasks.task_queue", lambda name, *args: queued.append(name)
    )
    return queued


@pytest.fixture
def slow_booking(monkeypatch):
    """Holds each booking's transaction open a moment after its checks, so the two
    bookings truly overlap in time instead of running one after the other."""
    book = availability.session_book

    def slowly(**kwargs):
        session = book(**kwargs)
        clock.sleep(0.3)
        return session

    monkeypatch.setattr(availability, "session_book", slowly)


def berlin_evening_in_three_days() -> datetime:
    day = timezone.now().astimezone(BERLIN).date() + timedelta(days=3)
    return datetime.combine(day, time(18), tzinfo=BERLIN)


@pytest.mark.parametrize("same_booker", [False, True], ids=["two-friends", "twice"])
def test_two_bookings_of_one_slot_at_once_make_exactly_one_session(
    same_booker, queued_emails, slow_booking
):
    owner = UserFactory(display_name="Bob", time_zone="Europe/Berlin")
    starts_at = berlin_evening_in_three_days()
    availability.availability_set(
        user=owner,
        slots=[
            {
                "weekday": starts_at.weekday(),
                "start_time": time(18),
                "end_time": time(20),
            }
        ],
    )
    first = UserFactory(display_name="Alice", time_zone="America/New_York")
    bookers = [first, first if same_booker else UserFactory(display_name="Carol")]
    phone_screen = Format.objects.get(slug="phone-screen-e4-e5", owner=None)
    start_together = threading.Barrier(len(bookers))
    outcomes: list[str] = []

    def book(booker):
        try:
            start_together.wait(timeout=10)
            availability.slot_book(
                booker=booker, owner=owner, format=phone_screen, starts_at=starts_at
            )
            outcomes.append("booked")
        except ApplicationError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(each,)) for each in bookers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["Bob already has a session at that time.", "booked"]
    session = MockSession.objects.get()
    assert Participant.objects.filter(session=session).count() == 2
    emails = Message.objects.filter(topic__contains=":email:")
    assert queued_emails
    assert {
        topic.split(":")[1] for topic in emails.values_list("topic", flat=True)
    } == {str(session.pk)}
