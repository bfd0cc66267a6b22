"""E-mails about session events: one per recipient through the outbox after the
change commits, in the recipient's own time zone, with the .ics that updates the
same calendar event; one overtaken by a later change is not sent."""

import email
import email.policy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from config.celery import app as celery_app
from interviews.events import session_emails_announce
from interviews.models import Invitation, ParticipantResponse, SessionStatus
from interviews.services.sessions import (
    session_accept,
    session_reschedule,
    session_schedule,
)
from notifications.models import Message
from notifications.services import messages_drain
from notifications.tasks import outbox_sweep_task
from tests.factories import UserFactory
from tests.interviews.email_backends import FailingBackend
from tests.interviews.reminder_builders import (
    cancel_session,
    make_session,
    move_session,
)
from tests.interviews.sessions_support import builtin

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def eager_tasks():
    """Tasks run in the test's thread when queued: the e-mail path without a broker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def new_yorker_and_berliner(alice, bob):
    alice.time_zone, bob.time_zone = "America/New_York", "Europe/Berlin"
    alice.save()
    bob.save()
    return alice, bob


def parsed(message):
    return email.message_from_bytes(
        message.message().as_bytes(), policy=email.policy.default
    )


def ics_of(message):
    (part,) = parsed(message).iter_attachments()
    return part, Calendar.from_ical(part.get_content())


def queue(django_capture_on_commit_callbacks, session, event, recipients):
    with django_capture_on_commit_callbacks(execute=True):
        session_emails_announce(session=session, event=event, recipients=recipients)


def participant(session, user):
    return session.participants.get(user=user)


def test_an_invitation_goes_out_after_commit_with_the_time_in_the_invitees_zone(
    new_yorker_and_berliner, django_capture_on_commit_callbacks
):
    alice, bob = new_yorker_and_berliner
    session = make_session(
        host=alice,
        partner=bob,
        starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC),
        status=SessionStatus.PROPOSED,
        partner_response=ParticipantResponse.PENDING,
    )

    with django_capture_on_commit_callbacks() as callbacks:
        session_emails_announce(
            session=session, event="invited", recipients=[participant(session, bob)]
        )
        assert mail.outbox == []  # nothing leaves before the change is committed
    for callback in callbacks:
        callback()

    (message,) = mail.outbox
    assert message.to == [bob.email]
    assert "Alice invited you" in message.subject
    assert "Friday 20 March 2026, 16:00 (Europe/Berlin, CET)" in message.body
    assert f"/sessions/{session.pk}/" in message.body
    # A long Message-ID may be folded onto its own line; the id itself is the same.
    (row,) = Message.objects.filter(topic__startswith=f"session:{session.pk}:email")
    assert row.sent_at is not None
    assert parsed(message)["Message-ID"].strip() == (
        f"<session-{session.uid}-email-{row.pk}@mockloop>"
    )
    part, calendar = ics_of(message)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert calendar.events[0].uid == f"{session.uid}@mockloop"


@pytest.mark.parametrize(
    ("starts_at", "new_york", "berlin"),
    [
        # The US springs forward on 8 March, Europe on 29 March 2026.
        ("2026-03-05T15:00Z", "10:00 EST", "16:00 CET"),
        ("2026-03-20T15:00Z", "11:00 EDT", "16:00 CET"),
        ("2026-03-31T15:00Z", "11:00 EDT", "17:00 CEST"),
        # Europe falls back on 25 October, the US on 1 November 2026.
        ("2026-10-30T15:00Z", "11:00 EDT", "16:00 CET"),
        ("2026-11-03T15:00Z", "10:00 EST", "16:00 CET"),
    ],
)  # fmt: skip
def test_a_reschedule_shows_each_person_the_new_time_in_their_zone_across_dst(
    new_yorker_and_berliner,
    django_capture_on_commit_callbacks,
    starts_at,
    new_york,
    berlin,
):
    alice, bob = new_yorker_and_berliner
    session = make_session(
        host=alice, partner=bob, starts_at=datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
    )
    move_session(session, datetime.fromisoformat(starts_at))

    queue(
        django_capture_on_commit_callbacks,
        session,
        "rescheduled",
        [participant(session, alice), participant(session, bob)],
    )

    by_person = {message.to[0]: message for message in mail.outbox}
    hour, zone = new_york.split()
    assert f"{hour} (America/New_York, {zone})" in by_person[alice.email].body
    hour, zone = berlin.split()
    assert f"{hour} (Europe/Berlin, {zone})" in by_person[bob.email].body
    for message in mail.outbox:
        _, calendar = ics_of(message)
        assert calendar.events[0].sequence == 1
        assert calendar.events[0].start == datetime.fromisoformat(starts_at)


def test_a_cancellation_carries_a_cancel_of_the_same_event_and_the_reason(
    new_yorker_and_berliner, django_capture_on_commit_callbacks
):
    alice, bob = new_yorker_and_berliner
    session = make_session(
        host=alice, partner=bob, starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    )
    cancel_session(session, by=bob, reason="I caught the flu.")

    queue(
        django_capture_on_commit_callbacks,
        session,
        "cancelled",
        [participant(session, alice)],
    )

    (message,) = mail.outbox
    assert "Cancelled" in message.subject
    assert "Bob cancelled" in message.body
    assert "I caught the flu." in message.body
    part, calendar = ics_of(message)
    assert part.get_param("method") == "CANCEL"
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.events[0]["STATUS"]) == "CANCELLED"


def test_someone_invited_by_email_gets_their_invitation_link(
    alice, django_capture_on_commit_callbacks
):
    session = make_session(
        host=alice,
        partner_email="carol@example.org",
        starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC),
        status=SessionStatus.PROPOSED,
        partner_response=ParticipantResponse.PENDING,
    )
    invitation = Invitation.objects.create(
        session=session,
        token="tok-carol",
        email="carol@example.org",
        created_by=alice,
        expires_at=datetime(2026, 3, 8, tzinfo=UTC),
    )
    carol = session.participants.get(email="carol@example.org")

    queue(django_capture_on_commit_callbacks, session, "invited", [carol])

    (message,) = mail.outbox
    assert message.to == ["carol@example.org"]
    assert f"/sessions/invitations/{invitation.token}/" in message.body
    assert "Friday 20 March 2026, 15:00 (UTC)" in message.body


def test_an_email_about_a_change_overtaken_by_another_is_not_sent(
    alice, bob, django_capture_on_commit_callbacks
):
    session = make_session(
        host=alice, partner=bob, starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        session_emails_announce(
            session=session, event="accepted", recipients=[participant(session, bob)]
        )
    # Cancelled before a worker got to it: the older REQUEST would undo the CANCEL.
    cancel_session(session, by=alice, reason="Travel")
    queue(
        django_capture_on_commit_callbacks,
        session,
        "cancelled",
        [participant(session, bob)],
    )
    for callback in callbacks:
        callback()

    (message,) = mail.outbox
    assert message.to == [bob.email] and "Cancelled" in message.subject
    assert Message.objects.get(dropped_at__isnull=False).kind == "Session: accepted"


def test_a_failed_send_is_tried_again_and_the_retry_sends_the_same_email(
    alice, bob, settings
):
    settings.EMAIL_BACKEND = "tests.interviews.email_backends.FailingBackend"
    FailingBackend.failures, FailingBackend.fail_times = 0, 1
    FailingBackend.delivered = []
    session = make_session(
        host=alice, partner=bob, starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    )
    (row,) = session_emails_announce_now(session, bob)

    messages_drain()  # fails once
    with time_machine.travel(NOW + timedelta(seconds=30), tick=False):
        messages_drain()  # the claim's lease ran out: tried again
        messages_drain()  # a drain more finds nothing

    assert FailingBackend.failures == 1
    assert FailingBackend.delivered == [
        f"<session-{session.uid}-email-{row.pk}@mockloop>"
    ]


def session_emails_announce_now(session, user):
    """Queued with the change, its drain not run (the broker is down)."""
    from interviews.services.emails import session_emails_queue

    return session_emails_queue(
        session=session, event="accepted", recipients=[participant(session, user)]
    )


def test_two_answers_at_the_same_time_are_two_emails(
    alice, bob, django_capture_on_commit_callbacks
):
    carol = UserFactory(email="carol@example.com", display_name="Carol")
    session = make_session(
        host=alice, partner=bob, starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    )
    session.participants.create(user=carol, response=ParticipantResponse.ACCEPTED)
    host = participant(session, alice)

    queue(django_capture_on_commit_callbacks, session, "accepted", [host])
    queue(django_capture_on_commit_callbacks, session, "accepted", [host])

    assert len(mail.outbox) == 2
    ids = {parsed(message)["Message-ID"].strip() for message in mail.outbox}
    assert len(ids) == 2


def test_an_unknown_event_is_a_programming_error(alice, bob):
    session = make_session(
        host=alice, partner=bob, starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    )

    with pytest.raises(ValueError, match="Unknown session event"):
        session_emails_announce(session=session, event="postponed", recipients=[])


def test_a_reschedule_email_says_why_the_session_moved(
    new_yorker_and_berliner, django_capture_on_commit_callbacks
):
    alice, bob = new_yorker_and_berliner
    session = session_schedule(
        host=alice,
        partner=bob,
        format=builtin(),
        starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC),
    )
    session_accept(session=session, user=bob)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        session_reschedule(
            session=session,
            by=alice,
            starts_at=datetime(2026, 3, 21, 15, 0, tzinfo=UTC),
            reason="My onsite moved to Friday.",
        )

    (to_bob,) = [message for message in mail.outbox if message.to == [bob.email]]
    assert "moved to Saturday 21 March 2026, 16:00" in to_bob.body
    assert "Reason: My onsite moved to Friday." in to_bob.body


def test_an_email_whose_task_got_lost_is_sent_by_the_sweep(alice, bob):
    session = make_session(
        host=alice, partner=bob, starts_at=datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    )
    # Written with the change, but the broker was down when it committed.
    (lost,) = session_emails_announce_now(session, bob)

    swept = outbox_sweep_task.delay()

    assert swept.get() == 1  # one drain started
    assert [message.to for message in mail.outbox] == [[bob.email]]
    lost.refresh_from_db()
    assert lost.sent_at is not None
    assert outbox_sweep_task.delay().get() == 0
