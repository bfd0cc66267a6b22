"""The private calendar feed, its management page, a session's .ics download and
its "Add to calendar" links."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template
from django.utils import timezone
from icalendar import Calendar

from interviews.models import ParticipantResponse
from interviews.services.calendars import (
    calendar_feed_get_or_create,
    calendar_feed_revoke,
)
from tests.factories import UserFactory
from tests.interviews.reminder_builders import cancel_session, make_session

pytestmark = pytest.mark.django_db


def feed_path(feed) -> str:
    return f"/sessions/calendar/{feed.token}.ics"


def uids(response) -> set[str]:
    return {str(event.uid) for event in Calendar.from_ical(response.content).events}


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@example.com", display_name="Charlie")


def test_the_feed_lists_my_sessions_that_are_still_on_and_nobody_elses(
    client, alice, bob, charlie
):
    soon = timezone.now() + timedelta(days=1)
    mine = make_session(host=alice, partner=bob, starts_at=soon)
    invited = make_session(
        host=bob,
        partner=alice,
        starts_at=soon + timedelta(days=1),
        partner_response=ParticipantResponse.PENDING,
        status="proposed",
    )
    cancelled = cancel_session(
        make_session(host=alice, partner=bob, starts_at=soon + timedelta(days=2)),
        by=bob,
        reason="Busy",
    )
    declined = make_session(
        host=bob,
        partner=alice,
        starts_at=soon + timedelta(days=3),
        partner_response=ParticipantResponse.DECLINED,
    )
    others = make_session(host=bob, partner=charlie, starts_at=soon)
    feed = calendar_feed_get_or_create(user=alice)

    response = client.get(feed_path(feed))  # no login: calendar apps have none

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert uids(response) == {f"{mine.uid}@mockloop", f"{invited.uid}@mockloop"}
    assert f"{cancelled.uid}@mockloop" not in uids(response)
    assert f"{declined.uid}@mockloop" not in uids(response)
    assert f"{others.uid}@mockloop" not in uids(response)
    assert b"METHOD" not in response.content


def test_an_unknown_feed_address_is_not_found(client):
    assert client.get("/sessions/calendar/not-a-real-token.ics").status_code == 404


def test_revoking_the_feed_makes_a_new_address_and_the_old_one_stops_working(
    client, alice
):
    old = calendar_feed_get_or_create(user=alice)
    old_path = feed_path(old)
    client.force_login(alice)

    response = client.post("/sessions/calendar/revoke/", follow=True)

    new = calendar_feed_get_or_create(user=alice)
    assert new.token != old.token
    assert client.get(old_path).status_code == 404
    assert client.get(feed_path(new)).status_code == 200
    page = response.content.decode()
    assert feed_path(new) in page
    assert old_path not in page
    assert "no longer works" in page


def test_the_feed_page_shows_my_private_address_to_copy(client, alice):
    client.force_login(alice)

    page = client.get("/sessions/calendar/").content.decode()

    feed = calendar_feed_get_or_create(user=alice)
    assert f'value="http://127.0.0.1:8000{feed_path(feed)}"' in page
    assert f'href="webcal://127.0.0.1:8000{feed_path(feed)}"' in page
    assert "Revoke and make a new one" in page


def test_the_feed_page_needs_a_login(client):
    response = client.get("/sessions/calendar/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_revoking_works_for_someone_who_never_opened_the_page(alice):
    feed = calendar_feed_revoke(user=alice)

    assert calendar_feed_get_or_create(user=alice).token == feed.token


def test_participants_download_the_sessions_ics_and_strangers_are_not_told_it_exists(
    client, alice, bob, charlie
):
    session = make_session(
        host=alice, partner=bob, starts_at=timezone.now() + timedelta(days=1)
    )
    client.force_login(bob)

    response = client.get(f"/sessions/{session.pk}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert calendar.events[0].uid == f"{session.uid}@mockloop"
    client.force_login(charlie)
    assert client.get(f"/sessions/{session.pk}/calendar.ics").status_code == 404


def test_add_to_calendar_links_prefill_google_and_outlook_with_the_utc_times(
    alice, bob
):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=2)
    session = make_session(host=alice, partner=bob, starts_at=starts, minutes=45)

    html = Template("{% load calendars %}{% add_to_calendar session %}").render(
        Context({"session": session})
    )

    assert f'href="/sessions/{session.pk}/calendar.ics"' in html
    google = next(
        part.split('"')[0] for part in html.split('href="')[1:] if "google" in part
    )
    query = parse_qs(urlsplit(google.replace("&amp;", "&")).query)
    ends = starts + timedelta(minutes=45)
    assert query["action"] == ["TEMPLATE"]
    assert query["dates"] == [f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}"]
    assert query["text"] == ["Mock interview: Phone screen"]
    assert f"/sessions/{session.pk}/" in query["details"][0]
    outlook = next(
        part.split('"')[0] for part in html.split('href="')[1:] if "outlook" in part
    )
    query = parse_qs(urlsplit(outlook.replace("&amp;", "&")).query)
    assert query["startdt"] == [f"{starts:%Y-%m-%dT%H:%M:%SZ}"]
    assert query["enddt"] == [f"{ends:%Y-%m-%dT%H:%M:%SZ}"]
