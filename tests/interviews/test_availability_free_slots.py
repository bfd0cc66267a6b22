"""A friend's free slots: the owner's weekly windows, read in the owner's zone on each
date, shown in the viewer's zone, on either side of daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from core.errors import ApplicationError
from interviews.models import (
    Format,
    MockSession,
    Participant,
    ParticipantResponse,
    SessionStatus,
)
from interviews.selectors.availability import free_slots, slots_by_day
from interviews.services.availability import (
    availability_set,
    booking_link_get_or_create,
)
from tests.factories import UserFactory


def link_of(owner) -> str:
    """The token of the owner's booking link: the address they share."""
    return booking_link_get_or_create(user=owner).token


pytestmark = pytest.mark.django_db

NEW_YORK, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def every_day(start: str, end: str) -> list[dict]:
    return [
        {
            "weekday": weekday,
            "start_time": time.fromisoformat(start),
            "end_time": time.fromisoformat(end),
        }
        for weekday in range(7)
    ]


def phone_screen() -> Format:
    # Introduction 5, coding 35, questions 5: 45 minutes.
    return Format.objects.get(slug="phone-screen-e4-e5", owner=None)


def session_between(*people, starts_at: datetime, minutes: int = 45, **fields):
    session = MockSession.objects.create(
        host=people[0],
        format=phone_screen(),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        status=fields.pop("status", SessionStatus.SCHEDULED),
    )
    for person in people:
        Participant.objects.create(
            session=session,
            user=person,
            is_host=person == people[0],
            response=fields.get("response", ParticipantResponse.ACCEPTED),
        )
    return session


def local_times(slots, zone) -> dict[date, list[str]]:
    return {
        day: [f"{slot:%H:%M}" for slot in times]
        for day, times in slots_by_day(slots=slots, zone=zone)
    }


@pytest.fixture
def berlin_owner(bob):
    bob.time_zone = "Europe/Berlin"
    bob.save()
    availability_set(user=bob, slots=every_day("18:00", "20:00"))
    return bob


@pytest.fixture
def new_york_viewer(alice):
    alice.time_zone = "America/New_York"
    alice.save()
    return alice


@time_machine.travel(utc(2025, 3, 20, 12), tick=False)
def test_slots_follow_each_zone_through_the_weeks_when_only_the_us_has_changed(
    berlin_owner, new_york_viewer
):
    # The US moved its clocks on 9 March 2025, Europe on 30 March: in between,
    # Berlin's 18:00 is 13:00 in New York; afterwards, 12:00.
    slots = free_slots(
        owner=berlin_owner,
        viewer=new_york_viewer,
        format=phone_screen(),
        start_date=date(2025, 3, 21),
    )

    days = local_times(slots, NEW_YORK)
    assert len(days) == 14
    assert days[date(2025, 3, 21)] == ["13:00", "13:30", "14:00"]
    assert days[date(2025, 3, 29)] == ["13:00", "13:30", "14:00"]
    assert days[date(2025, 3, 30)] == ["12:00", "12:30", "13:00"]
    assert days[date(2025, 4, 3)] == ["12:00", "12:30", "13:00"]
    # The same instants are still 18:00–19:00 on the owner's own clock.
    assert {f"{slot.astimezone(BERLIN):%H:%M}" for slot in slots} == {
        "18:00",
        "18:30",
        "19:00",
    }
    assert all(slot.tzinfo == UTC for slot in slots)


@time_machine.travel(utc(2025, 10, 20, 12), tick=False)
def test_slots_follow_both_november_changes(alice, bob):
    # Europe went back on 26 October 2025, the US on 2 November.
    alice.time_zone, bob.time_zone = "America/New_York", "Europe/Berlin"
    alice.save()
    bob.save()
    availability_set(user=alice, slots=every_day("09:00", "09:45"))

    slots = free_slots(
        owner=alice, viewer=bob, format=phone_screen(), start_date=date(2025, 10, 24)
    )

    days = local_times(slots, BERLIN)
    assert days[date(2025, 10, 24)] == ["15:00"]
    assert days[date(2025, 10, 27)] == ["14:00"]
    assert days[date(2025, 11, 3)] == ["15:00"]


@time_machine.travel(utc(2025, 3, 20, 12), tick=False)
def test_a_window_across_the_skipped_hour_is_an_hour_shorter_that_night(alice, bob):
    bob.time_zone = "Europe/Berlin"
    bob.save()
    # 01:00–04:00 on Sundays: three real hours, but two on 30 March 2025 when the
    # clocks jump from 02:00 to 03:00.
    availability_set(
        user=bob,
        slots=[{"weekday": 6, "start_time": time(1), "end_time": time(4)}],
    )

    slots = free_slots(
        owner=bob,
        viewer=alice,
        format=Format.objects.get(slug="onsite-coding", owner=None),
        start_date=date(2025, 3, 22),
        days=9,
        step_minutes=60,
    )

    assert slots == [
        utc(2025, 3, 23, 0),
        utc(2025, 3, 23, 1),
        utc(2025, 3, 23, 2),
        utc(2025, 3, 30, 0),
        utc(2025, 3, 30, 1),
    ]


@time_machine.travel(utc(2025, 3, 20, 12), tick=False)
def test_busy_times_of_either_person_are_left_out_but_cancelled_ones_are_free(
    berlin_owner, new_york_viewer
):
    stranger = UserFactory()
    # The owner is busy 18:00–18:45 Berlin on the 24th, the viewer at 19:00 on the
    # 25th; a cancelled session and one the owner declined block nothing.
    session_between(berlin_owner, stranger, starts_at=utc(2025, 3, 24, 17))
    session_between(stranger, new_york_viewer, starts_at=utc(2025, 3, 25, 18))
    session_between(
        berlin_owner,
        stranger,
        starts_at=utc(2025, 3, 26, 17),
        status=SessionStatus.CANCELLED,
    )
    declined = session_between(stranger, berlin_owner, starts_at=utc(2025, 3, 27, 17))
    declined.participants.filter(user=berlin_owner).update(
        response=ParticipantResponse.DECLINED
    )

    slots = free_slots(
        owner=berlin_owner,
        viewer=new_york_viewer,
        format=phone_screen(),
        start_date=date(2025, 3, 24),
        days=4,
    )

    days = local_times(slots, BERLIN)
    assert days[date(2025, 3, 24)] == ["19:00"]
    assert days[date(2025, 3, 25)] == ["18:00"]
    assert days[date(2025, 3, 26)] == ["18:00", "18:30", "19:00"]
    assert days[date(2025, 3, 27)] == ["18:00", "18:30", "19:00"]


@time_machine.travel(utc(2025, 3, 24, 17, 10), tick=False)
def test_slots_already_begun_are_left_out(berlin_owner, new_york_viewer):
    slots = free_slots(
        owner=berlin_owner,
        viewer=new_york_viewer,
        format=phone_screen(),
        start_date=date(2025, 3, 24),
        days=1,
    )

    assert slots == [utc(2025, 3, 24, 17, 30), utc(2025, 3, 24, 18)]


@time_machine.travel(utc(2025, 3, 20, 12), tick=False)
def test_swap_mode_needs_room_for_both_rounds(berlin_owner, new_york_viewer):
    slots = free_slots(
        owner=berlin_owner,
        viewer=new_york_viewer,
        format=phone_screen(),
        start_date=date(2025, 3, 24),
        days=1,
        step_minutes=15,
        swap=True,
    )

    assert [f"{slot.astimezone(BERLIN):%H:%M}" for slot in slots] == [
        "18:00",
        "18:15",
        "18:30",
    ]


def test_a_range_too_long_is_refused(berlin_owner, new_york_viewer):
    with pytest.raises(ApplicationError, match="1 to 31 days"):
        free_slots(
            owner=berlin_owner,
            viewer=new_york_viewer,
            format=phone_screen(),
            start_date=date(2025, 3, 24),
            days=90,
        )


# Page and API ---------------------------------------------------------------------


@time_machine.travel(utc(2025, 3, 20, 12), tick=False)
def test_the_page_groups_the_next_two_weeks_by_day_in_the_viewers_zone(
    client, berlin_owner, new_york_viewer
):
    client.force_login(new_york_viewer)

    page = client.get(
        reverse("availability-book", args=[link_of(berlin_owner)]),
        {"format": "phone-screen-e4-e5"},
    ).content.decode()

    assert page.count('data-testid="slot-day"') == 14
    assert "Monday 24 March" in page and "Monday 31 March" in page
    assert 'value="2025-03-24T13:00:00-04:00"' in page
    assert 'value="2025-03-31T12:00:00-04:00"' in page
    assert "Book Monday 24 March at 13:00 (18:00 for Bob)" in page


def test_the_page_of_someone_without_availability_is_not_found(client, alice, bob):
    client.force_login(alice)

    answer = client.get(reverse("availability-book", args=[link_of(bob)]))

    assert answer.status_code == 404


@time_machine.travel(utc(2025, 3, 20, 12), tick=False)
def test_the_api_lists_free_slots_with_the_viewers_offset(
    client, berlin_owner, new_york_viewer
):
    client.force_login(new_york_viewer)

    answer = client.get(
        reverse("api-availability-slots", args=[link_of(berlin_owner)]),
        {"format": "phone-screen-e4-e5", "from": "2025-03-24", "days": 1},
    )

    assert answer.status_code == 200
    body = answer.json()
    assert body["time_zone"] == "America/New_York"
    assert body["minutes"] == 45
    assert body["owner"] == {
        "id": berlin_owner.pk,
        "name": "Bob",
        "time_zone": "Europe/Berlin",
    }
    assert body["slots"][0] == {
        "starts_at": "2025-03-24T13:00:00-04:00",
        "ends_at": "2025-03-24T13:45:00-04:00",
    }
    assert len(body["slots"]) == 3


def test_the_api_refuses_an_unknown_format(client, berlin_owner, new_york_viewer):
    client.force_login(new_york_viewer)

    answer = client.get(
        reverse("api-availability-slots", args=[link_of(berlin_owner)]),
        {"format": "no-such-format"},
    )

    assert answer.status_code == 400
    assert "no-such-format" in answer.json()["detail"]
