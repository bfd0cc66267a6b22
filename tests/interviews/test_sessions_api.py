"""The sessions API: my sessions, scheduling, one session with its rounds, and the
answers and changes. Bad input answers 400 with a message; a session I am not part
of answers 404."""

from datetime import timedelta

import pytest
import time_machine
from rest_framework.authtoken.models import Token

from interviews.models import MockSession, SessionStatus
from tests.factories import UserFactory
from tests.interviews.sessions_support import NOW, book, counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_scheduling_through_the_api(client, alice, bob):
    client.force_login(alice)

    response = post(
        client,
        "/api/sessions/",
        {
            "format": "phone-screen-e4-e5",
            "starts_at": "2025-03-11T09:00:00-04:00",
            "partner_email": bob.email,
            "swap": True,
            "note": "Bring a pen",
        },
    )

    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["status"] == "proposed"
    assert answer["starts_at"] == "2025-03-11T13:00:00Z"
    assert answer["ends_at"] == "2025-03-11T14:30:00Z"
    assert [r["my_role"] for r in answer["rounds"]] == ["candidate", "interviewer"]
    assert answer["rounds"][0]["segments"][1] == {
        "kind": "coding",
        "minutes": 35,
        "questions": 2,
        "starts_at": "2025-03-11T13:05:00Z",
        "ends_at": "2025-03-11T13:40:00Z",
    }
    # Until Bob answers, Alice knows him by the address she typed, not his account.
    assert [p["name"] for p in answer["participants"]] == ["Alice", "bob@example.com"]


def test_inviting_a_busy_address_reveals_neither_the_account_nor_its_time(
    client, alice, bob
):
    bob.display_name = "Robert Secret"
    bob.save()
    carol = UserFactory(display_name="Carol")
    book(host=carol, partner=bob, starts_at=NOW + timedelta(days=1))
    client.force_login(alice)

    response = post(
        client,
        "/api/sessions/",
        {
            "format": "phone-screen-e4-e5",
            "starts_at": (NOW + timedelta(days=1, minutes=15)).isoformat(),
            "partner_email": "BOB@example.com",
            "swap": True,
        },
    )

    assert response.status_code == 201, response.json()
    text = response.content.decode()
    assert "Robert" not in text and "already has a session" not in text
    assert [p["name"] for p in response.json()["participants"]] == [
        "Alice",
        "bob@example.com",
    ]
    people = [(r["interviewer"], r["candidate"]) for r in response.json()["rounds"]]
    assert {"id": None, "name": "bob@example.com"} in people[0]
    assert bob.pk not in [person["id"] for pair in people for person in pair]


def test_a_time_without_an_offset_is_read_in_my_zone_even_with_a_token(client, alice):
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    token = Token.objects.create(user=alice)

    response = client.post(
        "/api/sessions/",
        {"format": "onsite-coding", "starts_at": "2025-03-12T09:00"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["starts_at"] == "2025-03-12T00:00:00Z"
    assert response.json()["invitation_link"].startswith("http")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "nope"}, "Unknown format “nope”"),
        ({"starts_at": "2025-03-09T12:00:00Z"}, "in the past"),
        ({"partner_email": "alice@example.com"}, "cannot invite yourself"),
        ({"format": "onsite-loop-e6"}, "pick which of its rounds"),
        ({"format": "onsite-loop-e6", "loop_round": 6}, "has 5 round(s)"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, alice, bob, data, message):
    client.force_login(alice)
    before = counts()

    response = post(
        client,
        "/api/sessions/",
        {
            "format": "phone-screen-e4-e5",
            "starts_at": "2025-03-11T12:00:00Z",
            "partner_email": bob.email,
            **data,
        },
    )

    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert counts() == before


def test_a_loop_round_is_chosen_by_its_number(client, alice, bob):
    client.force_login(alice)

    response = post(
        client,
        "/api/sessions/",
        {
            "format": "onsite-loop-e6",
            "loop_round": 3,
            "starts_at": "2025-03-11T12:00:00Z",
            "partner_email": bob.email,
        },
    )

    assert response.status_code == 201
    assert response.json()["loop_round"] == 3
    assert [s["kind"] for s in response.json()["rounds"][0]["segments"]] == [
        "ml_system_design"
    ]


def test_the_partner_answers_through_the_api(client, alice, bob):
    session = book(host=alice, partner=bob, accept=False)
    client.force_login(bob)

    assert [s["id"] for s in client.get("/api/sessions/?list=waiting").json()] == [
        session.pk
    ]
    accepted = post(client, f"/api/sessions/{session.pk}/accept/")

    assert accepted.json()["status"] == "scheduled"
    assert client.get("/api/sessions/?list=waiting").json() == []
    upcoming = client.get("/api/sessions/?list=upcoming").json()
    assert [s["id"] for s in upcoming] == [session.pk]


def test_proposing_and_accepting_a_new_time(client, alice, bob):
    session = book(host=alice, partner=bob, accept=False)
    client.force_login(bob)

    proposed = post(
        client,
        f"/api/sessions/{session.pk}/propose/",
        {"starts_at": "2025-03-12T18:00:00Z"},
    )
    assert proposed.status_code == 200
    client.force_login(alice)
    accepted = post(client, f"/api/sessions/{session.pk}/accept/")

    assert accepted.json()["starts_at"] == "2025-03-12T18:00:00Z"
    assert accepted.json()["sequence"] == 1


def test_rescheduling_and_cancelling_through_the_api(client, alice, bob):
    session = book(host=alice, partner=bob)
    client.force_login(bob)

    moved = post(
        client,
        f"/api/sessions/{session.pk}/reschedule/",
        {"starts_at": "2025-03-13T15:00:00Z", "reason": "Clash"},
    )
    assert (moved.json()["starts_at"], moved.json()["sequence"]) == (
        "2025-03-13T15:00:00Z",
        1,
    )
    assert post(client, f"/api/sessions/{session.pk}/cancel/").status_code == 400
    cancelled = post(
        client, f"/api/sessions/{session.pk}/cancel/", {"reason": "Flu"}
    ).json()
    assert (cancelled["status"], cancelled["cancel_reason"]) == ("cancelled", "Flu")

    again = post(
        client,
        f"/api/sessions/{session.pk}/reschedule/",
        {"starts_at": "2025-03-14T15:00:00Z"},
    )
    assert again.status_code == 400
    assert "This session was cancelled" in again.json()["detail"]
    assert MockSession.objects.get().status == SessionStatus.CANCELLED


def test_declining_through_the_api(client, alice, bob):
    session = book(host=alice, partner=bob, accept=False)
    client.force_login(bob)

    declined = post(
        client, f"/api/sessions/{session.pk}/decline/", {"reason": "Busy"}
    ).json()

    assert declined["status"] == "cancelled"
    assert client.get("/api/sessions/?list=past").json()[0]["id"] == session.pk


def test_a_stranger_gets_404_for_reads_and_changes(client, alice, bob):
    session = book(host=alice, partner=bob)
    client.force_login(UserFactory())

    assert client.get(f"/api/sessions/{session.pk}/").status_code == 404
    for action in ("accept", "decline", "cancel", "reschedule", "propose"):
        assert post(client, f"/api/sessions/{session.pk}/{action}/").status_code == 404
    assert client.get("/api/sessions/").json() == []


def test_an_unknown_list_is_refused(client, alice):
    client.force_login(alice)

    response = client.get("/api/sessions/?list=soon")

    assert response.status_code == 400
    assert "upcoming, waiting, past or all" in response.json()["detail"]


def test_the_api_needs_a_login(client):
    assert client.get("/api/sessions/").status_code in (401, 403)
    assert client.get("/api/formats/").status_code in (401, 403)


def test_the_schema_describes_the_session_endpoints(client, alice):
    client.force_login(alice)

    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    for path in (
        "/api/sessions/",
        "/api/sessions/{id}/",
        "/api/sessions/{id}/accept/",
        "/api/sessions/{id}/decline/",
        "/api/sessions/{id}/reschedule/",
        "/api/sessions/{id}/cancel/",
        "/api/sessions/{id}/propose/",
        "/api/formats/",
    ):
        assert path in schema["paths"], path
