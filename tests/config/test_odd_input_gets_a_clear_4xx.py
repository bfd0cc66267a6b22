"""Input no page or API can use is refused with a 4xx that says why, never a server
error: NUL characters in addresses, times at the end of the calendar, JSON nested
past any sense, bodies over the size limit (JSON on the API, a page for people)."""

import json
from datetime import time

import pytest
from django.test import Client

from interviews.services.availability import (
    availability_set,
    booking_link_get_or_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NUL_MESSAGE = "The address contains a NUL character (%00)"


@pytest.fixture
def signed_in(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    return client


@pytest.fixture
def token(bob):
    availability_set(
        user=bob,
        slots=[
            {"weekday": d, "start_time": time(9), "end_time": time(17)}
            for d in range(7)
        ],
    )
    return booking_link_get_or_create(user=bob).token


@pytest.mark.parametrize(
    "address",
    [
        "/api/questions/?topic=%00",
        "/api/questions/?company=%00",
        "/api/questions/?search=%00",
        "/api/questions/facets/?topic=%00",
        "/api/questions/facets/?search=a%00b",
        "/api/questions/random/?search=%00",
        "/api/questions/random/?company=%00",
        "/api/availability/a%00b/slots/",
        "/api/lists/?x%00=1",
    ],
)
def test_a_nul_character_in_an_api_address_is_a_json_400(signed_in, address):
    response = signed_in.get(address)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(NUL_MESSAGE)


@pytest.mark.parametrize(
    "address",
    [
        "/questions/?search=%00",
        "/sessions/invitations/a%00b/",
        "/sessions/availability/find/?email=a%00b@x.test",
        "/questions/a%00b/",
    ],
)
def test_a_nul_character_in_a_page_address_is_a_400_page(signed_in, address):
    response = signed_in.get(address)

    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def test_free_slots_from_the_end_of_the_calendar_are_refused(signed_in, token):
    response = signed_in.get(
        f"/api/availability/{token}/slots/?format=phone-screen-e4-e5&from=9999-12-25"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Pick a first day between today and a year from now.",
        "field": "from",
    }


def test_free_slots_never_reach_past_the_year_booking_allows(signed_in, token):
    from datetime import timedelta

    from django.utils import timezone

    last_day = timezone.localdate() + timedelta(days=360)
    response = signed_in.get(
        f"/api/availability/{token}/slots/?format=phone-screen-e4-e5"
        f"&from={last_day}&days=31"
    )

    assert response.status_code == 200
    slots = response.json()["slots"]
    assert slots
    latest = max(slot["starts_at"] for slot in slots)
    booked = signed_in.post(
        f"/api/availability/{token}/book/",
        {"format": "phone-screen-e4-e5", "starts_at": latest},
        content_type="application/json",
    )
    assert booked.status_code == 201, booked.json()


@pytest.mark.parametrize(
    "moment", ["9999-12-30T10:00:00Z", "9999-12-31T23:59:59-23:59"]
)
def test_booking_at_the_end_of_the_calendar_is_refused(signed_in, token, moment):
    api = signed_in.post(
        f"/api/availability/{token}/book/",
        {"format": "phone-screen-e4-e5", "starts_at": moment},
        content_type="application/json",
    )
    page = signed_in.post(
        f"/sessions/availability/{token}/book/",
        {"format": "phone-screen-e4-e5", "starts_at": moment},
        follow=True,
    )

    assert api.status_code == 400
    # In UTC the second time is past year 9999: the API's parser says so itself.
    assert api.json() in (
        {"detail": "Pick a time within the next year.", "field": "starts_at"},
        {"starts_at": ["Datetime value out of range."]},
    )
    assert page.status_code == 200
    assert "Pick a time within the next year." in page.content.decode()


def test_scheduling_at_the_end_of_the_calendar_is_refused(signed_in):
    response = signed_in.post(
        "/api/sessions/",
        {"format": "phone-screen-e4-e5", "starts_at": "9999-12-31T23:59"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "Pick a time within the next year."


def test_json_nested_a_hundred_thousand_deep_is_a_400(signed_in):
    response = signed_in.post(
        "/api/lists/", "[" * 100_000 + "]" * 100_000, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error: the document is nested too deeply."
    }


def test_a_body_over_the_size_limit_is_a_json_400_on_the_api(signed_in):
    body = json.dumps({"name": "x" * (3 * 1024 * 1024)})

    response = signed_in.post("/api/lists/", body, content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "larger than 2.5 MB" in response.json()["detail"]


def test_too_many_fields_is_a_400_page_that_says_why(signed_in):
    fields = {f"field{n}": "x" for n in range(1100)}

    response = signed_in.post("/me/", fields)

    assert response.status_code == 400
    assert "more fields or files than this server reads" in response.content.decode()


def test_an_unknown_api_address_is_a_json_404(signed_in):
    response = signed_in.get("/api/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
