"""A session booked in New York for a friend in Berlin: each enters and reads times
in their own zone, right across the weeks in March and in autumn when only one of
the two places has changed its clocks."""

from datetime import UTC, datetime

import pytest
import time_machine

from interviews.models import MockSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_york(alice):
    alice.time_zone = "America/New_York"
    alice.save()
    return alice


@pytest.fixture
def berlin(bob):
    bob.time_zone = "Europe/Berlin"
    bob.save()
    return bob


def schedule(client, host, partner, day: str, at: str = "10:00"):
    client.force_login(host)
    return client.post(
        "/sessions/new/",
        {
            "format": MockSession._meta.get_field("format")
            .related_model.objects.get(slug="phone-screen-e4-e5", owner=None)
            .pk,
            "date": day,
            "time": at,
            "partner_email": partner.email,
            "host_role": "candidate",
        },
    )


def page_of(client, user, session) -> str:
    client.force_login(user)
    return client.get(f"/sessions/{session.pk}/").content.decode()


# New York 10:00 on a Wednesday: the UTC moment, and what Berlin reads.
MARCH = [
    ("2025-03-05", datetime(2025, 3, 5, 15, tzinfo=UTC), "10:00 EST", "16:00 CET"),
    # The US moved its clocks on 9 March, Europe only on 30 March.
    ("2025-03-12", datetime(2025, 3, 12, 14, tzinfo=UTC), "10:00 EDT", "15:00 CET"),
    ("2025-04-02", datetime(2025, 4, 2, 14, tzinfo=UTC), "10:00 EDT", "16:00 CEST"),
]
AUTUMN = [
    ("2025-10-22", datetime(2025, 10, 22, 14, tzinfo=UTC), "10:00 EDT", "16:00 CEST"),
    # Europe moved back on 26 October, the US only on 2 November.
    ("2025-10-29", datetime(2025, 10, 29, 14, tzinfo=UTC), "10:00 EDT", "15:00 CET"),
    ("2025-11-05", datetime(2025, 11, 5, 15, tzinfo=UTC), "10:00 EST", "16:00 CET"),
]


@pytest.mark.parametrize(
    ("now", "weeks"),
    [
        (datetime(2025, 3, 1, 12, tzinfo=UTC), MARCH),
        (datetime(2025, 10, 20, 12, tzinfo=UTC), AUTUMN),
    ],
    ids=["march", "autumn"],
)
def test_both_read_the_time_in_their_own_zone_across_the_clock_changes(
    client, new_york, berlin, now, weeks
):
    with time_machine.travel(now, tick=False):
        for day, moment, in_new_york, in_berlin in weeks:
            response = schedule(client, new_york, berlin, day)
            assert response.status_code == 302, response.content.decode()
            session = MockSession.objects.get(starts_at=moment)

            assert in_new_york in page_of(client, new_york, session)
            assert in_berlin in page_of(client, berlin, session)
            answer = client.get(f"/api/sessions/{session.pk}/").json()
            offset = "+01:00" if in_berlin.endswith(" CET") else "+02:00"
            assert answer["starts_at"] == f"{day}T{in_berlin[:5]}:00{offset}"


def test_a_reschedule_across_the_change_keeps_the_wall_clock_time(
    client, new_york, berlin
):
    with time_machine.travel(datetime(2025, 3, 1, 12, tzinfo=UTC), tick=False):
        schedule(client, new_york, berlin, "2025-03-05")
        session = MockSession.objects.get()
        client.force_login(berlin)
        client.post(f"/sessions/{session.pk}/accept/")

        client.force_login(new_york)
        client.post(
            f"/sessions/{session.pk}/reschedule/",
            {"date": "2025-03-12", "time": "10:00", "reason": "Moved a week"},
        )

        session.refresh_from_db()
        assert session.starts_at == datetime(2025, 3, 12, 14, tzinfo=UTC)
        assert "15:00 CET" in page_of(client, berlin, session)


def test_a_time_the_clocks_skip_is_refused_with_the_reason(client, new_york, berlin):
    with time_machine.travel(datetime(2025, 3, 1, 12, tzinfo=UTC), tick=False):
        response = schedule(client, new_york, berlin, "2025-03-09", "02:30")

    assert response.status_code == 200
    assert "does not exist in America/New_York" in response.content.decode()
    assert not MockSession.objects.exists()


def test_a_time_the_clocks_repeat_is_the_first_of_the_two(client, new_york, berlin):
    with time_machine.travel(datetime(2025, 10, 20, 12, tzinfo=UTC), tick=False):
        schedule(client, new_york, berlin, "2025-11-02", "01:30")

    # 01:30 EDT, before the clocks go back to 01:00 EST.
    assert MockSession.objects.get().starts_at == datetime(
        2025, 11, 2, 5, 30, tzinfo=UTC
    )


def test_the_schedule_form_names_my_zone(client, new_york):
    client.force_login(new_york)

    page = client.get("/sessions/new/").content.decode()

    assert "Time (America/New_York)" in page
