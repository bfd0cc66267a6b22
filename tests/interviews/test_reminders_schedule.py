"""reminders_schedule: which reminders a session gets in the outbox, and when they
fall due."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from interviews.models import ParticipantResponse, SessionStatus
from interviews.services.reminders import reminders_schedule
from notifications.models import Message
from notifications.services import messages_claim_due
from tests.interviews.reminder_builders import (
    cancel_session,
    make_session,
    move_session,
)
from tests.interviews.reminder_rows import (
    reminder_messages,
    reminder_rows,
    with_offset,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def with_dropped(session) -> int:
    return Message.objects.filter(
        topic__startswith=f"session:{session.pk}:reminder:", dropped_at__isnull=False
    ).count()


def rows(session):
    return {
        (reminder.message.user.email, reminder.offset_minutes, reminder.due_at)
        for reminder in reminder_rows(session)
    }


def test_each_accepted_person_gets_one_reminder_per_offset_before_the_start(alice, bob):
    alice.reminder_offsets = [1440, 15]
    alice.save()
    bob.reminder_offsets = [60]
    bob.save()
    starts = NOW + timedelta(days=3)
    session = make_session(host=alice, partner=bob, starts_at=starts)

    reminders_schedule(session=session)

    assert rows(session) == {
        (alice.email, 1440, starts - timedelta(days=1)),
        (alice.email, 15, starts - timedelta(minutes=15)),
        (bob.email, 60, starts - timedelta(hours=1)),
    }


def test_a_session_booked_closer_than_every_offset_gets_one_reminder_at_once(
    alice, bob
):
    alice.reminder_offsets = bob.reminder_offsets = [1440, 180]
    alice.save()
    bob.save()
    starts = NOW + timedelta(hours=2)
    session = make_session(host=alice, partner=bob, starts_at=starts)

    reminders_schedule(session=session)

    due_now = [r for r in reminder_rows(session) if r.due_at <= NOW]
    assert {(r.user_id, r.offset_minutes) for r in due_now} == {
        (alice.pk, 180),
        (bob.pk, 180),
    }
    assert reminder_messages(session).count() == 2
    assert sorted(messages_claim_due(now=NOW, batch_size=10)) == sorted(
        r.message.pk for r in due_now
    )


def test_an_offset_past_at_booking_sends_nothing_when_a_later_reminder_will_come(
    alice, bob
):
    # Booked 20 minutes ahead: the day-before reminder would land at once and the
    # 15-minute one five minutes later. Only the 15-minute one is kept.
    starts = NOW + timedelta(minutes=20)
    session = make_session(host=alice, partner=bob, starts_at=starts)

    reminders_schedule(session=session)

    assert rows(session) == {
        (alice.email, 15, starts - timedelta(minutes=15)),
        (bob.email, 15, starts - timedelta(minutes=15)),
    }
    assert messages_claim_due(now=NOW, batch_size=10) == []


def test_several_offsets_already_past_collapse_into_one_reminder_due_at_once(
    alice, bob
):
    alice.reminder_offsets = [1440, 60, 15]
    alice.save()
    bob.reminder_offsets = []
    bob.save()
    starts = NOW + timedelta(minutes=10)
    session = make_session(host=alice, partner=bob, starts_at=starts)

    reminders_schedule(session=session)

    assert rows(session) == {(alice.email, 15, starts - timedelta(minutes=15))}
    assert len(messages_claim_due(now=NOW, batch_size=10)) == 1


def test_a_session_still_waiting_for_an_answer_gets_no_reminders(alice, bob):
    session = make_session(
        host=alice,
        partner=bob,
        starts_at=NOW + timedelta(days=2),
        partner_response=ParticipantResponse.PENDING,
        status=SessionStatus.PROPOSED,
    )

    reminders_schedule(session=session)

    assert rows(session) == set()


def test_nobody_who_declined_or_has_no_account_gets_a_reminder(alice, bob):
    declined = make_session(
        host=alice,
        partner=bob,
        starts_at=NOW + timedelta(days=2),
        partner_response=ParticipantResponse.DECLINED,
    )
    by_email = make_session(
        host=bob,
        partner_email="carol@example.com",
        starts_at=NOW + timedelta(days=5),
    )

    reminders_schedule(session=declined)
    reminders_schedule(session=by_email)

    assert {email for email, _, _ in rows(declined)} == {alice.email}
    assert {email for email, _, _ in rows(by_email)} == {bob.email}


def test_a_session_that_already_began_gets_no_reminders(alice, bob):
    session = make_session(
        host=alice, partner=bob, starts_at=NOW - timedelta(minutes=5)
    )

    reminders_schedule(session=session)

    assert rows(session) == set()


def test_rescheduling_replaces_unsent_reminders_with_ones_for_the_new_time(alice, bob):
    session = make_session(host=alice, partner=bob, starts_at=NOW + timedelta(days=3))
    reminders_schedule(session=session)
    new_start = NOW + timedelta(days=4, hours=2)

    reminders_schedule(session=move_session(session, new_start))

    assert {due for _, _, due in rows(session)} == {
        new_start - timedelta(days=1),
        new_start - timedelta(minutes=15),
    }
    assert reminder_messages(session).count() == 4
    assert with_dropped(session) == 4  # the old ones, kept as dropped


def test_scheduling_again_does_not_repeat_a_reminder_already_sent(alice, bob):
    alice.reminder_offsets = bob.reminder_offsets = [1440]
    alice.save()
    bob.save()
    starts = NOW + timedelta(hours=20)
    session = make_session(host=alice, partner=bob, starts_at=starts)
    reminders_schedule(session=session)
    # The 1440-minute reminders were due at once and went out.
    with_offset(1440, session).update(claimed_at=NOW, attempts=1, sent_at=NOW)

    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        reminders_schedule(session=session)

    assert with_offset(1440, session).count() == 2
    assert reminder_messages(session).filter(sent_at__isnull=True).count() == 0


def test_a_moved_session_gets_its_reminders_again_for_the_new_time(alice, bob):
    alice.reminder_offsets = bob.reminder_offsets = [1440]
    alice.save()
    bob.save()
    session = make_session(host=alice, partner=bob, starts_at=NOW + timedelta(hours=20))
    reminders_schedule(session=session)
    with_offset(1440, session).update(claimed_at=NOW, attempts=1, sent_at=NOW)
    new_start = NOW + timedelta(days=3)

    reminders_schedule(session=move_session(session, new_start))

    unsent = [r for r in reminder_rows(session) if r.message.sent_at is None]
    assert {(r.user_id, r.offset_minutes, r.due_at) for r in unsent} == {
        (alice.pk, 1440, new_start - timedelta(days=1)),
        (bob.pk, 1440, new_start - timedelta(days=1)),
    }


def test_cancelling_drops_the_reminders_not_yet_sent(alice, bob):
    session = make_session(host=alice, partner=bob, starts_at=NOW + timedelta(days=3))
    reminders_schedule(session=session)

    reminders_schedule(session=cancel_session(session, by=bob, reason="Ill"))

    assert rows(session) == set()
    assert with_dropped(session) == 4


def test_a_day_before_means_24_real_hours_across_a_daylight_saving_change(alice, bob):
    # New York springs forward at 02:00 on 8 March 2026: 24 hours before 09:00 EDT
    # that morning is 08:00 EST the day before.
    alice.time_zone = "America/New_York"
    alice.reminder_offsets = [1440]
    alice.save()
    bob.reminder_offsets = []
    bob.save()
    with time_machine.travel(datetime(2026, 3, 1, tzinfo=UTC), tick=False):
        starts = datetime(2026, 3, 8, 13, 0, tzinfo=UTC)
        session = make_session(host=alice, partner=bob, starts_at=starts)
        reminders_schedule(session=session)

    (due_at,) = reminder_messages(session).values_list("due_at", flat=True)
    assert due_at == datetime(2026, 3, 7, 13, 0, tzinfo=UTC)
    assert f"{due_at.astimezone(NEW_YORK):%d %H:%M %Z}" == "07 08:00 EST"
    assert f"{starts.astimezone(NEW_YORK):%d %H:%M %Z}" == "08 09:00 EDT"
