"""Publishing weekly availability: the windows a person offers, in their own zone."""

import re
from datetime import time, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import AvailabilitySlot
from interviews.services.availability import MAX_WINDOWS, availability_set
from tests.interviews.reminder_builders import make_session

pytestmark = pytest.mark.django_db


def had_a_session(one, other) -> None:
    make_session(host=one, partner=other, starts_at=timezone.now() - timedelta(days=3))


def window(weekday: int, start: str, end: str) -> dict:
    return {
        "weekday": weekday,
        "start_time": time.fromisoformat(start),
        "end_time": time.fromisoformat(end),
    }


def windows_of(user) -> list[tuple[int, str, str]]:
    return [
        (slot.weekday, f"{slot.start_time:%H:%M}", f"{slot.end_time:%H:%M}")
        for slot in AvailabilitySlot.objects.filter(user=user)
    ]


def test_availability_set_replaces_every_window_of_the_person(alice, bob):
    availability_set(user=alice, slots=[window(0, "09:00", "10:00")])
    availability_set(user=bob, slots=[window(2, "07:00", "08:00")])

    availability_set(
        user=alice, slots=[window(4, "18:00", "20:00"), window(1, "12:00", "13:00")]
    )

    assert windows_of(alice) == [(1, "12:00", "13:00"), (4, "18:00", "20:00")]
    assert windows_of(bob) == [(2, "07:00", "08:00")]


def test_an_empty_list_clears_the_availability(alice):
    availability_set(user=alice, slots=[window(0, "09:00", "10:00")])

    availability_set(user=alice, slots=[])

    assert windows_of(alice) == []


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (window(7, "09:00", "10:00"), "The day must be a number from 0 (Monday)"),
        (window(-1, "09:00", "10:00"), "The day must be a number from 0 (Monday)"),
        (
            window(0, "10:00", "09:00"),
            "Monday 10:00–09:00: the end must come after the start on the same day.",
        ),
        (
            window(0, "10:00", "10:00"),
            "Monday 10:00–10:00: the end must come after the start on the same day.",
        ),
        (window(0, "10:00:30", "11:00"), "Use whole minutes"),
    ],
)
def test_a_bad_window_is_refused_and_the_old_ones_stay(alice, bad, message):
    availability_set(user=alice, slots=[window(5, "09:00", "10:00")])

    with pytest.raises(ApplicationError, match=re.escape(message)):
        availability_set(user=alice, slots=[window(1, "09:00", "10:00"), bad])

    assert windows_of(alice) == [(5, "09:00", "10:00")]


def test_overlapping_windows_on_one_day_are_refused_with_both_named(alice):
    with pytest.raises(ApplicationError) as error:
        availability_set(
            user=alice,
            slots=[window(2, "09:00", "11:00"), window(2, "10:30", "12:00")],
        )

    assert error.value.message.startswith(
        "Wednesday 09:00–11:00 overlaps Wednesday 10:30–12:00."
    )
    assert windows_of(alice) == []


def test_windows_that_touch_or_fall_on_other_days_are_fine(alice):
    availability_set(
        user=alice,
        slots=[
            window(2, "09:00", "10:00"),
            window(2, "10:00", "11:00"),
            window(3, "09:30", "10:30"),
        ],
    )

    assert len(windows_of(alice)) == 3


def test_more_windows_than_the_limit_are_refused(alice):
    too_many = [
        window(day, f"{hour:02}:00", f"{hour:02}:30")
        for day in range(7)
        for hour in range(8)
    ][: MAX_WINDOWS + 1]

    with pytest.raises(ApplicationError, match=f"at most {MAX_WINDOWS} windows"):
        availability_set(user=alice, slots=too_many)

    assert windows_of(alice) == []


# Page -----------------------------------------------------------------------------


def form_data(rows: list[tuple[str, str, str, bool]], **extra) -> dict:
    data = {
        "windows-TOTAL_FORMS": str(len(rows)),
        "windows-INITIAL_FORMS": "0",
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "1000",
        **extra,
    }
    for index, (weekday, start, end, delete) in enumerate(rows):
        data[f"windows-{index}-weekday"] = weekday
        data[f"windows-{index}-start_time"] = start
        data[f"windows-{index}-end_time"] = end
        if delete:
            data[f"windows-{index}-DELETE"] = "on"
    return data


def test_the_page_shows_my_windows_in_my_zone_with_empty_rows_to_add(client, alice):
    alice.time_zone = "Europe/Berlin"
    alice.save()
    availability_set(user=alice, slots=[window(1, "18:00", "20:00")])
    client.force_login(alice)

    page = client.get(reverse("availability-edit")).content.decode()

    assert "Europe/Berlin" in page
    assert page.count('data-testid="window-row"') == 3
    assert 'value="18:00"' in page and 'value="20:00"' in page
    assert reverse("availability-book", args=[alice.booking_link.token]) in page


def test_saving_the_form_replaces_windows_and_skips_empty_and_removed_rows(
    client, alice
):
    availability_set(user=alice, slots=[window(0, "08:00", "09:00")])
    client.force_login(alice)

    answer = client.post(
        reverse("availability-edit"),
        form_data(
            [
                ("0", "08:00", "09:00", True),
                ("3", "18:00", "19:30", False),
                ("", "", "", False),
            ]
        ),
        follow=True,
    )

    assert "Your availability is saved." in answer.content.decode()
    assert windows_of(alice) == [(3, "18:00", "19:30")]


def test_add_a_row_keeps_what_was_typed_and_saves_nothing(client, alice):
    client.force_login(alice)

    answer = client.post(
        reverse("availability-edit"),
        form_data([("3", "18:00", "19:30", False)], add_row="1"),
    )

    page = answer.content.decode()
    assert page.count('data-testid="window-row"') == 2
    assert 'value="19:30"' in page
    assert windows_of(alice) == []


def test_an_overlap_on_the_page_is_shown_and_nothing_changes(client, alice):
    availability_set(user=alice, slots=[window(6, "10:00", "11:00")])
    client.force_login(alice)

    answer = client.post(
        reverse("availability-edit"),
        form_data([("1", "09:00", "11:00", False), ("1", "10:00", "12:00", False)]),
    )

    page = answer.content.decode()
    assert "Tuesday 09:00–11:00 overlaps Tuesday 10:00–12:00." in page
    assert windows_of(alice) == [(6, "10:00", "11:00")]


def test_find_a_friend_by_email_leads_to_their_free_times(client, alice, bob):
    availability_set(user=bob, slots=[window(1, "09:00", "10:00")])
    had_a_session(alice, bob)
    client.force_login(alice)

    found = client.get(reverse("availability-find"), {"email": "BOB@example.com"})
    missing = client.get(
        reverse("availability-find"), {"email": "nobody@example.com"}, follow=True
    )

    assert found.url == reverse("availability-book", args=[bob.booking_link.token])
    assert "Ask your friend for their booking link" in missing.content.decode()


# API ------------------------------------------------------------------------------


def test_the_api_reads_and_replaces_my_windows(client, alice):
    alice.time_zone = "Asia/Kolkata"
    alice.save()
    client.force_login(alice)
    url = reverse("api-availability")

    put = client.put(
        url,
        {"slots": [{"weekday": 4, "start_time": "17:30", "end_time": "19:00"}]},
        content_type="application/json",
    )
    got = client.get(url)

    token = alice.booking_link.token
    expected = {
        "time_zone": "Asia/Kolkata",
        "slots": [{"weekday": 4, "start_time": "17:30", "end_time": "19:00"}],
        "booking_token": token,
        "booking_url": f"{settings.SITE_URL}/sessions/availability/{token}/",
    }
    assert put.status_code == 200 and put.json() == expected
    assert got.json() == expected


def test_the_api_refuses_overlaps_with_a_message_and_keeps_the_old_windows(
    client, alice
):
    availability_set(user=alice, slots=[window(0, "09:00", "10:00")])
    client.force_login(alice)

    answer = client.put(
        reverse("api-availability"),
        {
            "slots": [
                {"weekday": 2, "start_time": "09:00", "end_time": "10:00"},
                {"weekday": 2, "start_time": "09:30", "end_time": "10:30"},
            ]
        },
        content_type="application/json",
    )

    assert answer.status_code == 400
    assert "overlaps" in answer.json()["detail"]
    assert windows_of(alice) == [(0, "09:00", "10:00")]


def test_the_api_refuses_a_day_out_of_range(client, alice):
    client.force_login(alice)

    answer = client.put(
        reverse("api-availability"),
        {"slots": [{"weekday": 9, "start_time": "09:00", "end_time": "10:00"}]},
        content_type="application/json",
    )

    assert answer.status_code == 400
    assert windows_of(alice) == []
