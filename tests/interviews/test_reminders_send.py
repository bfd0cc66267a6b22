"""The reminder sweep: due rows are sent once, with the right content; nothing goes
out for cancelled, moved or declined sessions; failures retry, then get reported."""

import email
import email.policy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone
from icalendar import Calendar

from config.celery import app as celery_app
from interviews.events import session_announce
from interviews.models import ParticipantResponse, Reminder
from interviews.selectors.reminders import reminders_failed
from interviews.services.reminders import (
    DROPPED,
    FAILED,
    RETRY,
    SENT,
    SKIPPED,
    reminder_send,
    reminders_claim_due,
    reminders_schedule,
    reminders_send_due,
    reminders_sweep,
)
from tests.interviews.email_backends import FailingBackend
from tests.interviews.reminder_builders import (
    cancel_session,
    make_session,
    move_session,
)

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


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "tests.interviews.email_backends.FailingBackend"
    FailingBackend.failures, FailingBackend.fail_times = 0, None
    FailingBackend.delivered = []
    return FailingBackend


def scheduled(pair, clock, **fields):
    alice, bob = pair
    session = make_session(host=alice, partner=bob, starts_at=STARTS, **fields)
    reminders_schedule(session=session)
    return session


def message_ids():
    return [message.extra_headers["Message-ID"] for message in mail.outbox]


def test_a_due_reminder_is_sent_once_and_marked_sent(pair, clock):
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))

    first = reminders_send_due()
    second = reminders_send_due()

    reminders = Reminder.objects.filter(session=session)
    assert first.outcomes == {SENT: 2}
    assert second.outcomes == {}
    expected = [f"<reminder-{r.pk}@mockloop>" for r in reminders]
    assert sorted(message_ids()) == sorted(expected)
    assert all(r.sent_at == STARTS - timedelta(minutes=15) for r in reminders)


def test_nothing_is_sent_before_it_is_due(pair, clock):
    scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=16))

    assert reminders_send_due().outcomes == {}
    assert mail.outbox == []


def test_sending_the_same_reminder_twice_sends_it_once(pair, clock):
    scheduled(pair, clock)
    due = STARTS - timedelta(minutes=15)
    clock.move_to(due)
    (reminder_id,) = reminders_claim_due(now=due, batch_size=1)

    assert reminder_send(reminder_id=reminder_id) == SENT
    assert reminder_send(reminder_id=reminder_id) == SKIPPED
    assert len(mail.outbox) == 1


def test_the_reminder_shows_the_time_in_the_recipients_zone_and_links_the_room(
    pair, clock
):
    alice, bob = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))

    reminders_send_due()

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
    reminder = Reminder.objects.get(session=session, user=bob)
    assert parsed["Message-ID"] == f"<reminder-{reminder.pk}@mockloop>"
    to_alice = next(m for m in mail.outbox if m.to == [alice.email])
    assert "Friday 20 March 2026, 11:00 (America/New_York, EDT)" in to_alice.body


def test_nothing_is_sent_for_a_session_cancelled_after_its_reminders_were_claimed(
    pair, clock
):
    alice, _ = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))
    claimed = reminders_claim_due(now=STARTS - timedelta(minutes=15), batch_size=10)
    reminders_schedule(session=cancel_session(session, by=alice, reason="Flu"))

    assert [reminder_send(reminder_id=pk) for pk in claimed] == [DROPPED, DROPPED]
    assert mail.outbox == []
    assert not Reminder.objects.filter(session=session).exists()


def test_nothing_is_sent_to_someone_who_declined_after_the_reminder_was_claimed(
    pair, clock
):
    alice, bob = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))
    reminders_claim_due(now=STARTS - timedelta(minutes=15), batch_size=10)
    session.participants.filter(user=bob).update(response=ParticipantResponse.DECLINED)

    reminders_send_due(budget_seconds=0)  # claims nothing new
    for reminder in Reminder.objects.filter(session=session):
        reminder_send(reminder_id=reminder.pk)

    assert [m.to for m in mail.outbox] == [[alice.email]]


def test_a_claimed_reminder_for_the_old_time_is_not_sent_after_a_reschedule(
    pair, clock
):
    _, bob = pair
    session = scheduled(pair, clock)
    clock.move_to(STARTS - timedelta(minutes=15))
    old = reminders_claim_due(now=STARTS - timedelta(minutes=15), batch_size=10)
    new_start = STARTS + timedelta(hours=2)
    reminders_schedule(session=move_session(session, new_start))

    assert [reminder_send(reminder_id=pk) for pk in old] == [DROPPED, DROPPED]
    clock.move_to(new_start - timedelta(minutes=15))
    assert reminders_send_due().outcomes == {SENT: 2}
    assert len(mail.outbox) == 2
    to_bob = next(m for m in mail.outbox if m.to == [bob.email])
    assert "Friday 20 March 2026, 18:00 (Europe/Berlin, CET)" in to_bob.body


def test_a_claim_left_by_a_dead_worker_is_taken_again_after_its_lease(pair, clock):
    session = scheduled(pair, clock)
    due = STARTS - timedelta(minutes=15)
    clock.move_to(due)
    reminders_claim_due(now=due, batch_size=10)  # ...and the worker died

    assert reminders_send_due().outcomes == {}
    clock.move_to(due + timedelta(seconds=31))
    assert reminders_send_due().outcomes == {SENT: 2}
    assert len(mail.outbox) == 2
    assert {r.attempts for r in Reminder.objects.filter(session=session)} == {2}


def test_a_failed_send_is_retried_with_growing_pauses_and_reported_after_the_last_try(
    pair, clock, failing_mail
):
    alice, bob = pair
    bob.reminder_offsets = []
    bob.save()
    session = scheduled(pair, clock)
    due = moment = STARTS - timedelta(minutes=15)
    clock.move_to(moment)
    tried_at = []
    for _ in range(120):  # a sweep every five seconds for ten minutes
        outcomes = reminders_send_due().outcomes
        if outcomes:
            tried_at.append(int((moment - due).total_seconds()))
        if FAILED in outcomes:
            break
        assert set(outcomes) <= {RETRY}
        moment += timedelta(seconds=5)
        clock.move_to(moment)

    assert tried_at == [0, 30, 90, 210, 450]
    assert failing_mail.failures == 5
    (reminder,) = reminders_failed(limit=10)
    assert reminder.session == session
    assert reminder.failed_at == moment
    assert "SMTPServerDisconnected" in reminder.last_error
    clock.move_to(moment + timedelta(hours=1))
    assert reminders_send_due().outcomes == {}
    assert failing_mail.failures == 5

    page = render_to_string(
        "interviews/includes/failed_reminders.html",
        {"failed_reminders": reminders_failed(limit=10)},
    )
    assert alice.email in page
    assert "SMTPServerDisconnected" in page


def test_a_send_that_fails_once_goes_out_once_on_the_retry(pair, clock, failing_mail):
    session = scheduled(pair, clock)
    failing_mail.fail_times = 1
    due = STARTS - timedelta(minutes=15)
    clock.move_to(due)

    assert reminders_send_due().outcomes == {RETRY: 1, SENT: 1}
    clock.move_to(due + timedelta(seconds=30))
    assert reminders_send_due().outcomes == {SENT: 1}

    expected = {f"<reminder-{r.pk}@mockloop>" for r in session.reminders.all()}
    assert sorted(failing_mail.delivered) == sorted(expected)
    assert not session.reminders.filter(sent_at__isnull=True).exists()


def test_a_row_whose_last_try_never_reported_back_is_given_up_and_reported(pair, clock):
    session = scheduled(pair, clock)
    due = STARTS - timedelta(minutes=15)
    session.reminders.update(claimed_at=due, attempts=5)

    clock.move_to(due + timedelta(minutes=9))
    reminders_sweep(now=due + timedelta(minutes=9))

    assert reminders_failed(limit=10).count() == 2
    assert reminders_send_due().outcomes == {}
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
