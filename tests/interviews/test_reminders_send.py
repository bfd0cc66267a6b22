"""Reminders through the outbox: sent once when due, with the time in each person's
zone and the room's link; nothing goes out for a session cancelled, moved or
declined after its reminders were claimed; one due at once goes out right after the
booking commits. (How the outbox retries and reports: tests/notifications.)"""

import email
import email.policy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from config.celery import app as celery_app
from interviews.events import session_announce
from interviews.models import ParticipantResponse
from interviews.services.reminders import reminders_schedule
from notifications.services import (
    SENT,
    SKIPPED,
    message_send,
    messages_claim_due,
    messages_drain,
)
from tests.interviews.reminder_builders import (
    cancel_session,
    make_session,
    move_session,
)
from tests.interviews.reminder_rows import reminder_messages

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
STARTS = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)  # 11:00 in New York, 16:00 Berlin


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def pair(alice, bob):
    alice.time_zone, alice.reminder_offsets = "America/New_York", [15]
    alice.save()
    bob.time_zone, bob.reminder_offsets = "Europe/Berlin", [15]
    bob.save()
    return alice, bob


def scheduled(pair, clock, **fields):
    alice, bob = pair
    session = make_session(host=alice, partner=bob, starts_at=STARTS, **fields)
    reminders_schedule(session=session)
    return session


def message_ids():
    return [message.extra_headers["Message-ID"] for message in mail.outbox]


def test_a_due_reminder_is_sent_once_to_each_person(pair, clock):
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))

    first = messages_drain()
    second = messages_drain()

    reminders = reminder_messages(session)
    assert first.outcomes == {SENT: 2}
    assert second.outcomes == {}
    expected = [f"<reminder-{r.pk}@mockloop>" for r in reminders]
    assert sorted(message_ids()) == sorted(expected)
    assert all(r.sent_at == STARTS - timedelta(minutes=15) for r in reminders)


def test_nothing_is_sent_before_it_is_due(pair, clock):
    scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=16))

    assert messages_drain().outcomes == {}
    assert mail.outbox == []


def test_the_reminder_shows_the_time_in_the_recipients_zone_and_links_the_room(
    pair, clock
):
    alice, bob = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))

    messages_drain()

    to_bob = next(m for m in mail.outbox if m.to == [bob.email])
    parsed = email.message_from_bytes(
        to_bob.message().as_bytes(), policy=email.policy.default
    )
    body = parsed.get_body(preferencelist=("plain",)).get_content()
    assert "starts in 15 minutes" in parsed["Subject"]
    assert "Friday 20 March 2026, 16:00 (Europe/Berlin, CET)" in body
    assert f"/sessions/{session.pk}/room/" in body
    assert f"/sessions/{session.pk}/" in body
    assert alice.name in body
    (attachment,) = parsed.iter_attachments()
    assert attachment.get_filename() == "mockloop.ics"
    event = Calendar.from_ical(attachment.get_content()).events[0]
    assert event.uid == f"{session.uid}@mockloop"
    reminder = reminder_messages(session).get(user=bob)
    assert parsed["Message-ID"] == f"<reminder-{reminder.pk}@mockloop>"
    to_alice = next(m for m in mail.outbox if m.to == [alice.email])
    assert "Friday 20 March 2026, 11:00 (America/New_York, EDT)" in to_alice.body


def test_nothing_is_sent_for_a_session_cancelled_after_its_reminders_were_claimed(
    pair, clock
):
    alice, _ = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))
    claimed = messages_claim_due(now=STARTS - timedelta(minutes=15), batch_size=10)
    reminders_schedule(session=cancel_session(session, by=alice, reason="Flu"))

    assert [message_send(message_id=pk) for pk in claimed] == [SKIPPED, SKIPPED]
    assert mail.outbox == []
    assert not reminder_messages(session).exists()


def test_nothing_is_sent_to_someone_who_declined_after_the_reminder_was_claimed(
    pair, clock
):
    alice, bob = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))
    claimed = messages_claim_due(now=STARTS - timedelta(minutes=15), batch_size=10)
    session.participants.filter(user=bob).update(response=ParticipantResponse.DECLINED)
    # What every answer or change of a session does, in its transaction.
    reminders_schedule(session=session)

    messages_drain(budget_seconds=0)  # claims nothing new
    for pk in claimed:
        message_send(message_id=pk)

    assert [m.to for m in mail.outbox] == [[alice.email]]


def test_a_claimed_reminder_for_the_old_time_is_not_sent_after_a_reschedule(
    pair, clock
):
    _, bob = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))
    old = messages_claim_due(now=STARTS - timedelta(minutes=15), batch_size=10)
    new_start = STARTS + timedelta(hours=2)
    reminders_schedule(session=move_session(session, new_start))

    assert [message_send(message_id=pk) for pk in old] == [SKIPPED, SKIPPED]
    clock.move_to(new_start - timedelta(minutes=15))
    assert messages_drain().outcomes == {SENT: 2}
    assert len(mail.outbox) == 2
    to_bob = next(m for m in mail.outbox if m.to == [bob.email])
    assert "Friday 20 March 2026, 18:00 (Europe/Berlin, CET)" in to_bob.body


def test_no_reminder_goes_out_once_the_session_is_over(pair, clock):
    scheduled(pair, clock)
    clock.move_to(STARTS + timedelta(hours=1))  # the workers were down till now

    assert messages_drain().outcomes == {"dropped": 2}
    assert mail.outbox == []


def test_a_reminder_due_at_once_goes_out_right_after_the_booking_commits(
    pair, django_capture_on_commit_callbacks
):
    alice, bob = pair
    celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            session = make_session(
                host=alice, partner=bob, starts_at=timezone.now() + timedelta(minutes=9)
            )
            # What every booking, answer or change announces.
            session_announce(
                session=session, event="accepted", actor=bob, text="", recipients=[]
            )
            assert mail.outbox == []
    finally:
        celery_app.conf.task_always_eager = False

    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    assert all("starts in 9 minutes" in m.subject for m in mail.outbox)
