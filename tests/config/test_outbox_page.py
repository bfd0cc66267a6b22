from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone

from notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def embedded_outbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "notifications.mail_files.OutboxEmailBackend"
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


def message(user, *, kind, subject, due_at, **fields) -> Message:
    return Message.objects.create(
        topic="test",
        kind=kind,
        user=user,
        to=user.email,
        subject=subject,
        due_at=due_at,
        **fields,
    )


def test_staff_see_messages_that_failed_after_their_last_try(client, staff, alice):
    message(
        alice,
        kind="Reminder 15 min before",
        subject="Reminder: Onsite coding starts in 15 minutes",
        due_at=timezone.now() - timedelta(minutes=30),
        attempts=5,
        failed_at=timezone.now(),
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    client.force_login(staff)

    page = client.get("/outbox/").content.decode()

    assert "Messages that could not be sent" in page
    assert "SMTPServerDisconnected" in page
    assert alice.email in page and "Reminder 15 min before" in page


def test_staff_see_messages_that_did_not_go_out_yet(client, staff, bob):
    now = timezone.now()
    message(
        bob, kind="Session: invited", subject="Invited", due_at=now - timedelta(hours=1)
    )
    message(bob, kind="Session: accepted", subject="Accepted", due_at=now)
    message(
        bob,
        kind="Session: rescheduled",
        subject="Moved",
        due_at=now - timedelta(hours=2),
        sent_at=now - timedelta(hours=2),
    )
    client.force_login(staff)

    section = client.get("/outbox/").content.decode().split("Messages not sent yet")[1]

    assert section.count(bob.email) == 1
    assert "Session: invited" in section
    assert "Session: accepted" not in section  # just written: its drain is on the way
    assert "Session: rescheduled" not in section  # sent


def test_old_stuck_messages_never_hide_one_stuck_now(client, staff, bob):
    now = timezone.now()
    for _ in range(120):
        message(bob, kind="Old", subject="Old", due_at=now - timedelta(days=3))
    message(bob, kind="Stuck now", subject="New", due_at=now - timedelta(minutes=30))
    client.force_login(staff)

    section = client.get("/outbox/").content.decode().split("Messages not sent yet")[1]

    assert "Stuck now" in section
