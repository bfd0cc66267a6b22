"""The Sessions pages: waiting invitations, upcoming sessions with roles, countdown
and a Join button that opens 10 minutes before, past ones; the schedule form; the
session page with its plan and its change forms."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.contrib.messages import get_messages

from interviews.models import Format, Invitation, MockSession, SessionStatus
from interviews.services.sessions import session_cancel
from tests.factories import UserFactory
from tests.interviews.sessions_support import NOW, book, builtin

pytestmark = pytest.mark.django_db

STARTS = NOW + timedelta(hours=1)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def html(response) -> str:
    return response.content.decode()


def join_button(page: str) -> str:
    start = page.index('<button type="submit" class="button-primary" data-opens-at')
    return page[start : page.index(">", start)]


def test_the_sessions_page_sorts_my_sessions_into_three_lists(client, alice, bob):
    carol = UserFactory(display_name="Carol")
    waiting = book(host=carol, partner=alice, accept=False, starts_at=STARTS)
    upcoming = book(
        host=alice, partner=bob, swap=True, starts_at=STARTS + timedelta(hours=2)
    )
    past = book(host=bob, partner=alice, starts_at=STARTS + timedelta(days=1))
    session_cancel(session=past, by=bob, reason="Moving house")
    client.force_login(alice)

    page = html(client.get("/sessions/"))

    waiting_part = page[page.index("Waiting for my answer") : page.index("Upcoming")]
    upcoming_part = page[page.index("Upcoming") : page.index('<h2 id="past')]
    past_part = page[page.index('<h2 id="past') :]
    assert f"session-{waiting.pk}" in waiting_part
    assert "Round 1: <strong>you interview</strong> Carol" in waiting_part
    assert "Accept" in waiting_part and "Propose another time" in waiting_part
    assert f"session-{upcoming.pk}" in upcoming_part
    assert "Round 1: Bob <strong>interviews you</strong>" in upcoming_part
    assert "Round 2: <strong>you interview</strong> Bob" in upcoming_part
    assert 'data-countdown="2025-03-10T15:00:00+00:00"' in upcoming_part
    assert "Moving house" in past_part


def test_the_join_button_opens_ten_minutes_before_the_start(
    client, frozen_now, alice, bob
):
    book(host=alice, partner=bob, starts_at=STARTS)
    client.force_login(alice)

    assert "disabled" in join_button(html(client.get("/sessions/")))
    frozen_now.move_to(STARTS - timedelta(minutes=11))
    assert "disabled" in join_button(html(client.get("/sessions/")))
    frozen_now.move_to(STARTS - timedelta(minutes=10))
    page = html(client.get("/sessions/"))
    assert "disabled" not in join_button(page)
    assert "The room is open." in page


def test_no_join_button_is_offered_until_the_partner_accepts(
    client, frozen_now, alice, bob
):
    session = book(host=alice, partner=bob, accept=False, starts_at=STARTS)
    frozen_now.move_to(STARTS - timedelta(minutes=5))
    client.force_login(alice)

    for url in (f"/sessions/{session.pk}/", "/sessions/", "/"):
        page = html(client.get(url))
        assert "data-opens-at" not in page, url
        assert "The room is open" not in page, url
    page = html(client.get(f"/sessions/{session.pk}/"))
    assert "The room opens once Bob accepts." in page


def test_the_schedule_form_books_and_opens_the_session(client, alice, bob):
    client.force_login(alice)

    response = client.post(
        "/sessions/new/",
        {
            "format": builtin("phone-screen-e6").pk,
            "date": "2025-03-11",
            "time": "18:30",
            "partner_email": bob.email,
            "host_role": "interviewer",
            "swap": "on",
            "note": "Let us do graphs",
        },
    )

    session = MockSession.objects.get()
    assert response["Location"] == f"/sessions/{session.pk}/"
    assert (session.swap, session.note, session.host) == (
        True,
        "Let us do graphs",
        alice,
    )
    page = html(client.get(response["Location"]))
    assert "Round 1 · " in page and "Round 2 · " in page
    assert "<strong>You interview</strong> bob@example.com." in page
    assert "Behavioral" in page


def test_the_schedule_form_makes_a_shareable_link(client, alice):
    client.force_login(alice)

    response = client.post(
        "/sessions/new/",
        {
            "format": builtin().pk,
            "date": "2025-03-11",
            "time": "18:30",
            "make_link": "on",
            "host_role": "candidate",
        },
    )

    invitation = Invitation.objects.get()
    page = html(client.get(response["Location"]))
    assert f"/sessions/invitations/{invitation.token}/" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"date": "2025-03-09"},
            "That time is in the past. Pick a time in the future.",
        ),
        ({"partner_email": ""}, "Give your partner&#x27;s e-mail address"),
        ({"make_link": "on"}, "Give an e-mail address or make a link, not both."),
        ({"format": "999999"}, "Unknown format: choose one from the list."),
        ({"partner_email": "alice@example.com"}, "You cannot invite yourself"),
    ],
)
def test_the_schedule_form_explains_what_is_wrong(client, alice, bob, changes, message):
    client.force_login(alice)
    data = {
        "format": builtin().pk,
        "date": "2025-03-11",
        "time": "18:30",
        "partner_email": bob.email,
        "host_role": "candidate",
    }

    response = client.post("/sessions/new/", {**data, **changes})

    assert response.status_code == 200
    assert message in html(response)
    assert not MockSession.objects.exists()


def test_the_schedule_form_offers_my_formats_and_the_loop_rounds(client, alice, bob):
    Format.objects.create(owner=bob, slug="bobs", name="Bob's secret format")
    mine = Format.objects.create(owner=alice, slug="mine", name="Alice's drill")
    mine.segments.create(order=0, kind="coding", minutes=30, questions=1)
    client.force_login(alice)

    page = html(client.get("/sessions/new/"))

    assert "Alice&#x27;s drill" in page
    assert "Bob&#x27;s secret format" not in page
    assert "round 3 of 4: ML system design, 45 min" in page


def test_a_stranger_gets_404_and_a_visitor_the_log_in(client, alice, bob):
    session = book(host=alice, partner=bob)

    assert client.get(f"/sessions/{session.pk}/")["Location"].startswith(
        "/accounts/login/"
    )
    client.force_login(UserFactory())
    assert client.get(f"/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/sessions/{session.pk}/room/").status_code == 404
    assert (
        client.post(f"/sessions/{session.pk}/cancel/", {"reason": "x"}).status_code
        == 404
    )


def test_cancelling_on_the_page_needs_a_reason(client, alice, bob):
    session = book(host=alice, partner=bob)
    client.force_login(bob)

    response = client.post(f"/sessions/{session.pk}/cancel/", {"reason": ""})
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Say why you cancel, so your partner knows."
    ]
    client.post(f"/sessions/{session.pk}/cancel/", {"reason": "Sick"})

    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    page = html(client.get(f"/sessions/{session.pk}/"))
    assert "Cancelled by Bob: Sick" in page
    assert "Reschedule" not in page


def test_answering_from_the_sessions_page_comes_back_to_it(client, alice, bob):
    session = book(host=alice, partner=bob, accept=False)
    client.force_login(bob)

    response = client.post(f"/sessions/{session.pk}/accept/", {"next": "/sessions/"})

    assert response["Location"] == "/sessions/"
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    elsewhere = client.post(
        f"/sessions/{session.pk}/accept/", {"next": "https://evil.example/"}
    )
    assert elsewhere["Location"] == f"/sessions/{session.pk}/"


def test_proposing_from_the_page_reads_my_zone(client, alice, bob):
    bob.time_zone = "Europe/Berlin"
    bob.save()
    session = book(host=alice, partner=bob, accept=False)
    client.force_login(bob)

    client.post(
        f"/sessions/{session.pk}/propose/", {"date": "2025-03-12", "time": "19:00"}
    )

    proposal = session.participants.get(user=bob).proposed_starts_at
    assert proposal.isoformat() == "2025-03-12T18:00:00+00:00"
    client.force_login(alice)
    page = html(client.get("/sessions/"))
    assert "Bob proposes" in page and "Accept the proposed time" in page


def test_each_round_of_a_loop_in_the_schedule_menu_names_its_loop(client, alice):
    client.force_login(alice)

    page = html(client.get("/sessions/new/"))
    menu = page[page.index('name="loop_segment"') :]
    menu = menu[: menu.index("</select>")]
    options = [
        unescape(text)
        for text in re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)<", menu)
    ]

    assert "Onsite loop (E6) · round 1 of 5: Coding, 45 min" in options
    assert "Onsite loop (E4/E5) · round 1 of 4: Coding, 45 min" in options
    assert len(options) == len(set(options)) == 9
