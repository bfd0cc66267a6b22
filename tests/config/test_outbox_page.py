from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone

from interviews.models import SessionEmail
from tests.interviews.reminder_builders import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def embedded_outbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "config.outbox.OutboxEmailBackend"
    settings.OUTBOX_DIR = tmp_path / "outbox"


def test_staff_read_sent_emails_with_their_attachments(client, staff, embedded_outbox):
    message = EmailMessage(
        "Reminder: mock at 18:00", "See you in the room.", to=["a@x.org"]
    )
    message.attach(
        "session.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"
    )
    mail.get_connection().send_messages([message])
    client.force_login(staff)

    page = client.get("/outbox/").content.decode()

    assert "Reminder: mock at 18:00" in page
    assert "See you in the room." in page
    assert "session.ics" in page


def test_people_who_are_not_staff_cannot_read_the_outbox(
    client, alice, embedded_outbox
):
    client.force_login(alice)

    response = client.get("/outbox/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_see_reminders_that_failed_after_their_last_try(client, staff, alice):
    from datetime import timedelta

    from django.utils import timezone

    from interviews.models import Format, MockSession, Reminder

    starts = timezone.now() + timedelta(hours=2)
    session = MockSession.objects.create(
        host=alice,
        format=Format.objects.get(slug="onsite-coding", owner=None),
        starts_at=starts,
        ends_at=starts + timedelta(minutes=45),
    )
    Reminder.objects.create(
        session=session,
        user=alice,
        offset_minutes=15,
        due_at=starts - timedelta(minutes=15),
        attempts=5,
        failed_at=timezone.now(),
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    client.force_login(staff)

    page = client.get("/outbox/").content.decode()

    assert "Reminders that could not be sent" in page
    assert "SMTPServerDisconnected" in page
    assert alice.email in page


def test_staff_see_session_emails_that_did_not_go_out(
    client, staff, alice, bob, embedded_outbox
):
    session = make_session(
        host=alice, partner=bob, starts_at=timezone.now() + timedelta(days=3)
    )
    bob_participant = session.participants.get(user=bob)
    stuck, given_up, fresh = (
        SessionEmail.objects.create(
            session=session, participant=bob_participant, event=event, sequence=0
        )
        for event in ("invited", "rescheduled", "accepted")
    )
    now = timezone.now()
    SessionEmail.objects.filter(pk=stuck.pk).update(created_at=now - timedelta(hours=1))
    SessionEmail.objects.filter(pk=given_up.pk).update(
        created_at=now - timedelta(days=2)
    )
    client.force_login(staff)

    section = (
        client.get("/outbox/").content.decode().split("Session e-mails not sent")[1]
    )

    assert section.count(bob.email) == 2
    assert "Invited" in section and "retrying" in section
    assert "Rescheduled" in section and "given up" in section
    assert "Accepted" not in section  # just written: its task is on the way


def test_old_emails_given_up_never_hide_one_stuck_now(
    client, staff, alice, bob, embedded_outbox
):
    session = make_session(
        host=alice, partner=bob, starts_at=timezone.now() + timedelta(days=3)
    )
    bob_participant = session.participants.get(user=bob)
    old = SessionEmail.objects.bulk_create(
        SessionEmail(
            session=session, participant=bob_participant, event="accepted", sequence=0
        )
        for _ in range(120)
    )
    SessionEmail.objects.filter(pk__in=[email.pk for email in old]).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    stuck = SessionEmail.objects.create(
        session=session, participant=bob_participant, event="invited", sequence=0
    )
    SessionEmail.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - timedelta(minutes=30)
    )
    client.force_login(staff)

    section = (
        client.get("/outbox/").content.decode().split("Session e-mails not sent")[1]
    )

    assert "Invited" in section and "retrying" in section
