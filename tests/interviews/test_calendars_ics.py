"""session_ics: one calendar event per session that calendars can follow through
every change (stable UID, rising SEQUENCE, REQUEST or CANCEL)."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from interviews.models import ParticipantResponse, SessionStatus
from interviews.services.calendars import session_ics
from tests.interviews.reminder_builders import (
    cancel_session,
    make_session,
    move_session,
)

pytestmark = pytest.mark.django_db

STARTS = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)


def parsed(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.events
    return calendar, event


@pytest.fixture
def session(alice, bob):
    alice.time_zone, bob.time_zone = "America/New_York", "Europe/Berlin"
    alice.save()
    bob.save()
    return make_session(host=alice, partner=bob, starts_at=STARTS, minutes=45)


def test_the_invitation_is_one_event_in_utc_with_organizer_attendees_and_links(
    session, alice, bob
):
    calendar, event = parsed(session_ics(session=session))

    assert str(calendar["METHOD"]) == "REQUEST"
    assert event.uid == f"{session.uid}@mockloop"
    assert event.sequence == 0
    assert event.start == STARTS and event.start.utcoffset() == timedelta(0)
    assert event.end == STARTS + timedelta(minutes=45)
    assert b"DTSTART:20260320T150000Z" in session_ics(session=session)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.organizer == f"mailto:{alice.email}"
    assert {str(a): a.params["PARTSTAT"] for a in event.attendees} == {
        f"mailto:{alice.email}": "ACCEPTED",
        f"mailto:{bob.email}": "ACCEPTED",
    }
    assert event.url.endswith(f"/sessions/{session.pk}/")
    assert f"/sessions/{session.pk}/room/" in event.description
    assert f"/sessions/{session.pk}/room/" in str(event["LOCATION"])


def test_a_reschedule_updates_the_same_event_with_a_higher_sequence(session):
    _, before = parsed(session_ics(session=session))

    move_session(session, STARTS + timedelta(days=1))
    _, after = parsed(session_ics(session=session))

    assert after.uid == before.uid
    assert after.sequence == before.sequence + 1
    assert after.start == STARTS + timedelta(days=1)


def test_a_cancellation_withdraws_the_same_event(session, bob):
    _, before = parsed(session_ics(session=session))

    cancel_session(session, by=bob, reason="Ill")
    calendar, event = parsed(session_ics(session=session, method="CANCEL"))

    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.uid == before.uid
    assert event.sequence > before.sequence


def test_a_session_waiting_for_an_answer_is_tentative_for_the_invited_person(
    alice, bob
):
    session = make_session(
        host=alice,
        partner=bob,
        starts_at=STARTS,
        status=SessionStatus.PROPOSED,
        partner_response=ParticipantResponse.PENDING,
    )

    _, event = parsed(session_ics(session=session))

    assert str(event["STATUS"]) == "TENTATIVE"
    partstats = {str(a): a.params["PARTSTAT"] for a in event.attendees}
    assert partstats[f"mailto:{bob.email}"] == "NEEDS-ACTION"


def test_someone_invited_by_email_is_an_attendee_by_address(alice):
    session = make_session(
        host=alice,
        partner_email="carol@example.org",
        starts_at=STARTS,
        status=SessionStatus.PROPOSED,
        partner_response=ParticipantResponse.PENDING,
    )

    _, event = parsed(session_ics(session=session))

    assert "mailto:carol@example.org" in [str(a) for a in event.attendees]


def test_an_unknown_method_is_refused(session):
    with pytest.raises(ValueError, match="PUBLISHED"):
        session_ics(session=session, method="PUBLISHED")
