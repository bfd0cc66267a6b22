from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.django_db


def test_the_profile_shows_times_in_the_users_time_zone(client, alice):
    alice.date_joined = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    alice.time_zone = "America/New_York"
    alice.save()
    client.force_login(alice)

    page = client.get("/me/").content.decode()
    assert "15 Jan 2026, 07:00 EST" in page

    alice.time_zone = "Asia/Tokyo"
    alice.save()
    page = client.get("/me/").content.decode()
    assert "15 Jan 2026, 21:00 JST" in page


def test_saving_the_profile_changes_name_zone_and_reminders(client, alice):
    client.force_login(alice)

    response = client.post(
        "/me/",
        {
            "display_name": "Alice L.",
            "time_zone": "Europe/Berlin",
            "reminder_offsets": ["60", "1440"],
        },
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice L."
    assert alice.time_zone == "Europe/Berlin"
    assert alice.reminder_offsets == [1440, 60]


def test_an_unknown_time_zone_on_the_profile_is_refused_with_a_message(client, alice):
    client.force_login(alice)

    response = client.post(
        "/me/", {"display_name": "A", "time_zone": "Europe/Atlantis"}
    )

    assert response.status_code == 200
    assert "Europe/Atlantis" in response.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == "UTC"
    assert alice.display_name == "Alice"


def test_new_accounts_are_reminded_a_day_and_a_quarter_hour_before(alice):
    assert alice.reminder_offsets == [1440, 15]


def test_the_api_refuses_an_unknown_time_zone(client, alice):
    client.force_login(alice)

    response = client.put(
        "/api/me/",
        {"display_name": "A", "time_zone": "Nowhere/Land", "reminder_offsets": [15]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "Nowhere/Land" in response.json()["time_zone"][0]


def test_pages_need_a_login(client):
    response = client.get("/me/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
