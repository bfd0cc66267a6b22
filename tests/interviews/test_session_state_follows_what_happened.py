"""A session's state follows what happened in it, and every place says it the same
way: scheduled, in progress once a round started (early too), held once every
round ended (before its booked end too), missed when its time passed with no round
started. A held session leaves home and the upcoming list, offers no Join and no
countdown, and shows its replay first; the API and the .ics say the state too."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from interviews.models import SessionState
from rooms.services.room import round_clock_command
from tests.interviews.sessions_support import book

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = datetime(2025, 3, 20, 12, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def said(client, user, session) -> dict:
    """The state as the session page, the Sessions page, home, the API and the
    .ics say it."""
    client.force_login(user)

    def status(url):
        html = client.get(url).content.decode()
        found = re.search(
            rf'id="session-{session.pk}".*?data-testid="card-status">([^<]+)<'
            if url != reverse("session-detail", args=[session.pk])
            else r'data-testid="status">([^<]+)<',
            html,
            re.S,
        )
        return found.group(1) if found else None

    ics = client.get(reverse("session-calendar-ics", args=[session.pk])).content
    return {
        "page": status(reverse("session-detail", args=[session.pk])),
        "list": status(reverse("session-list")),
        "home": status("/"),
        "api": client.get(f"/api/sessions/{session.pk}/").json()["state"],
        "ics": re.sub(rb"\r\n ", b"", ics).decode(),
    }


def run(session, user, action):
    round_ = session.rounds.get(order=session.current_round)
    round_clock_command(
        round_id=round_.pk, by=user, action=action, version=round_.clock_version
    )


def test_a_mock_held_early_reads_held_everywhere_and_leaves_the_upcoming_list(
    client, clock, alice, bob
):
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        starts_at=NOW + timedelta(minutes=8),
    )
    before = said(client, alice, session)
    assert before["page"] == before["list"] == before["home"] == "Scheduled"
    assert before["api"] == "scheduled"

    # The room is open 10 minutes before: they start at once.
    run(session, alice, "start")
    under_way = said(client, bob, session)
    assert under_way["page"] == under_way["list"] == under_way["home"] == "In progress"
    assert under_way["api"] == "in_progress"
    assert "DESCRIPTION:In progress." in under_way["ics"]

    run(session, alice, "end")
    held = said(client, alice, session)
    assert held["page"] == held["list"] == "Held"
    assert held["home"] is None  # no longer the next session
    assert held["api"] == SessionState.HELD
    assert "DESCRIPTION:Held." in held["ics"]
    page = client.get(reverse("session-detail", args=[session.pk])).content.decode()
    assert "This mock was held" in page
    assert f'href="/sessions/{session.pk}/rounds/0/replay/"' in page
    assert page.index("This mock was held") < page.index("Call")
    for gone in ("data-opens-at", "Starts in", "The room is open"):
        assert gone not in page
    upcoming = client.get("/api/sessions/?list=upcoming").json()
    past = client.get("/api/sessions/?list=past").json()
    assert session.pk not in [each["id"] for each in upcoming]
    assert session.pk in [each["id"] for each in past]


def test_a_swap_mock_is_in_progress_between_its_rounds(client, clock, alice, bob):
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        swap=True,
        starts_at=NOW + timedelta(minutes=5),
    )
    run(session, alice, "start")
    run(session, alice, "end")

    assert said(client, alice, session)["api"] == "in_progress"


def test_a_mock_nobody_started_is_missed_once_its_time_passed(
    client, clock, alice, bob
):
    session = book(host=alice, partner=bob, starts_at=NOW + timedelta(hours=1))

    clock.move_to(session.ends_at - timedelta(minutes=1))
    assert said(client, alice, session)["api"] == "scheduled"
    clock.move_to(session.ends_at)
    missed = said(client, alice, session)
    assert missed["page"] == missed["list"] == "Missed"
    assert missed["api"] == "missed"
    assert "DESCRIPTION:Missed." in missed["ics"]
    page = client.get(reverse("session-detail", args=[session.pk])).content.decode()
    assert "This mock was missed" in page and "data-opens-at" not in page


def test_a_round_nobody_ended_counts_as_held_once_the_pads_close(
    client, clock, alice, bob
):
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        starts_at=NOW + timedelta(minutes=5),
    )
    run(session, alice, "start")

    clock.move_to(session.ends_at + session.duration - timedelta(minutes=1))
    assert said(client, alice, session)["api"] == "in_progress"
    clock.move_to(session.ends_at + session.duration)
    assert said(client, alice, session)["api"] == "held"
