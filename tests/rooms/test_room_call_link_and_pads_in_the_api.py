"""A session's call link (any web address: Jitsi, Meet, Zoom) shows in the room, the
e-mails and the calendar event as an RFC 7986 CONFERENCE; the API names each round's
pad, and its notes pad to its interviewer only, through the room's API."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from config.celery import app as celery_app
from core.errors import ApplicationError
from interviews.services.calendars import session_ics
from interviews.services.sessions import session_call_link_set
from rooms.models import Pad, PadKind
from tests.factories import UserFactory
from tests.interviews.sessions_support import book, builtin

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
STARTS = datetime(2026, 5, 4, 15, tzinfo=UTC)
JITSI = "https://meet.jit.si/mockloop-alice-bob"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_call_link_given_when_scheduling_reaches_the_email_and_the_calendar(
    alice, bob, django_capture_on_commit_callbacks
):
    celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            session = book(
                host=alice, partner=bob, starts_at=STARTS, call_link=JITSI, accept=False
            )
    finally:
        celery_app.conf.task_always_eager = False

    (invitation,) = mail.outbox
    assert f"Call: {JITSI}" in invitation.body
    event = Calendar.from_ical(session_ics(session=session, method="REQUEST"))
    (vevent,) = event.walk("VEVENT")
    assert str(vevent["CONFERENCE"]) == JITSI
    assert vevent["CONFERENCE"].params["FEATURE"] == "AUDIO,VIDEO"
    assert f"/sessions/{session.pk}/room/" in str(vevent["LOCATION"])


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://example.org/call", "meet.jit.si/x"]
)
def test_anything_but_a_web_address_is_refused(alice, bob, link):
    session = book(host=alice, partner=bob, starts_at=STARTS)

    with pytest.raises(ApplicationError, match="starting with https://"):
        session_call_link_set(session=session, by=alice, link=link)
    with pytest.raises(ApplicationError, match="starting with https://"):
        book(host=alice, partner=bob, starts_at=STARTS, call_link=link)
    session.refresh_from_db()
    assert session.call_link == ""


def test_the_session_page_and_the_api_set_the_call_link(client, alice, bob):
    session = book(host=alice, partner=bob, starts_at=STARTS)
    client.force_login(bob)

    page = client.post(
        f"/sessions/{session.pk}/call/", {"call_link": JITSI}, follow=True
    )
    api = client.patch(
        f"/api/sessions/{session.pk}/",
        {"call_link": JITSI + "-2"},
        content_type="application/json",
    )
    refused = client.patch(
        f"/api/sessions/{session.pk}/",
        {"call_link": "javascript:alert(1)"},
        content_type="application/json",
    )

    assert "The call link is saved." in page.content.decode()
    assert api.json()["call_link"] == JITSI + "-2"
    assert refused.status_code == 400
    assert refused.json()["field"] == "call_link"


def test_the_room_api_names_the_pads_and_the_notes_only_to_the_interviewer(
    client, alice, bob
):
    session = book(host=alice, partner=bob, host_role="interviewer", starts_at=STARTS)

    client.force_login(alice)
    mine = client.get(f"/api/sessions/{session.pk}/room/").json()["round"]
    client.force_login(bob)
    theirs = client.get(f"/api/sessions/{session.pk}/room/").json()["round"]

    first = session.rounds.get()
    shared = Pad.objects.get(round=first, kind=PadKind.SHARED)
    notes = Pad.objects.get(round=first, kind=PadKind.NOTES)
    assert (mine["pad"]["id"], mine["notes_pad"]["id"]) == (
        str(shared.pk),
        str(notes.pk),
    )
    assert (theirs["pad"]["id"], theirs["notes_pad"]) == (str(shared.pk), None)
    assert str(notes.pk) not in str(theirs)
    board = Pad.objects.get(round=first, kind=PadKind.BOARD)
    assert mine["board_pad"]["id"] == theirs["board_pad"]["id"] == str(board.pk)


def test_the_room_api_is_404_for_anyone_else(client, alice, bob):
    session = book(host=alice, partner=bob, starts_at=STARTS)
    stranger = UserFactory(email="eve@example.com")
    client.force_login(stranger)

    assert client.get(f"/api/sessions/{session.pk}/room/").status_code == 404
    assert not Pad.objects.exists()


def test_a_rounds_pads_are_made_when_the_room_first_opens_it(client, alice, bob):
    session = book(
        host=alice, partner=bob, swap=True, starts_at=STARTS, format=builtin()
    )
    assert not Pad.objects.exists()  # booking alone makes none
    client.force_login(alice)

    client.get(f"/sessions/{session.pk}/room/")
    client.get(f"/sessions/{session.pk}/room/")

    first = session.rounds.get(order=0)
    assert set(Pad.objects.values_list("round", "kind")) == {
        (first.pk, PadKind.SHARED),
        (first.pk, PadKind.NOTES),
        (first.pk, PadKind.BOARD),
    }


@pytest.mark.parametrize(
    ("slug", "first"),
    [
        ("onsite-system-design", True),
        ("onsite-ml-system-design", True),
        ("phone-screen-e4-e5", False),
    ],
)
def test_the_whiteboard_opens_first_in_a_design_round(client, alice, bob, slug, first):
    session = book(host=alice, partner=bob, starts_at=STARTS, format=builtin(slug))
    client.force_login(bob)

    view = client.get(f"/api/sessions/{session.pk}/room/").json()["round"]

    assert view["board_pad"]["first"] is first
