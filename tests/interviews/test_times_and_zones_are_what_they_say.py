"""Times and zones mean what they say or are refused: a window time with an offset
(which the parser would drop), zones that are no place ("Factory", "localtime"),
reports dated in year 1."""

import datetime as dt

import pytest

from core.errors import ApplicationError
from questions.services import asked_report_create
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.mark.parametrize("start", ["09:00+02:00", "09:00Z", "09:00:00-05:00"])
def test_a_window_time_with_an_offset_is_refused(client, alice, start):
    client.force_login(alice)

    response = client.put(
        "/api/availability/",
        {"slots": [{"weekday": 0, "start_time": start, "end_time": "17:00"}]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "without a time zone or offset" in str(response.json())
    assert not alice.availability.exists()


def test_a_window_time_without_an_offset_is_kept(client, alice):
    client.force_login(alice)

    response = client.put(
        "/api/availability/",
        {"slots": [{"weekday": 0, "start_time": "09:00", "end_time": "17:00"}]},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["slots"][0]["start_time"] == "09:00"


@pytest.mark.parametrize("zone", ["Factory", "localtime", "posix/Europe/Berlin"])
def test_zones_that_are_no_place_are_refused_on_page_and_api(client, alice, zone):
    client.force_login(alice)

    page = client.post("/me/", {"display_name": "Alice", "time_zone": zone})
    api = client.put(
        "/api/me/",
        {"display_name": "Alice", "time_zone": zone, "reminder_offsets": [15]},
        content_type="application/json",
    )

    assert page.status_code == 200
    assert api.status_code == 400
    alice.refresh_from_db()
    assert alice.time_zone == "UTC"


def test_a_report_dated_in_year_one_is_refused(alice):
    CompanyFactory(slug="meta")
    QuestionFactory(slug="merge-intervals")

    with pytest.raises(ApplicationError, match="too long ago"):
        asked_report_create(
            reporter=alice,
            question_slug="merge-intervals",
            company_slug="meta",
            asked_on=dt.date(1, 1, 1),
            round_kind="coding",
        )
