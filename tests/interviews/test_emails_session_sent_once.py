"""A session e-mail is an outbox message written with the change; two workers may
try to send it at once (a task delivered twice), and it still goes out once."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.services.emails import session_emails_queue
from notifications.services import SENT, SKIPPED, message_send, messages_claim_due
from tests.interviews.email_backends import RecordingBackend
from tests.interviews.reminder_builders import make_format, make_people, make_session
from tests.threads import run_together

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_mail(settings):
    settings.EMAIL_BACKEND = "tests.interviews.email_backends.RecordingBackend"
    RecordingBackend.message_ids = []
    # Long enough for the second delivery to arrive while the first is sending.
    RecordingBackend.delay_seconds = 0.3
    yield RecordingBackend
    RecordingBackend.delay_seconds = 0.0


def test_two_deliveries_of_one_email_at_once_send_it_once(slow_mail):
    host, partner = make_people(2, prefix="person")
    session = make_session(
        host=host,
        partner=partner,
        starts_at=timezone.now() + timedelta(days=2),
        format_=make_format(owner=host),
    )
    (email,) = session_emails_queue(
        session=session,
        event="invited",
        recipients=[session.participants.get(user=partner)],
    )
    messages_claim_due(now=timezone.now(), batch_size=10)

    results = run_together(
        lambda: message_send(message_id=email.pk),
        lambda: message_send(message_id=email.pk),
    )

    assert sorted(results) == [SENT, SKIPPED]
    assert Counter(slow_mail.message_ids) == {
        f"<session-{session.uid}-email-{email.pk}@mockloop>": 1
    }
    email.refresh_from_db()
    assert email.sent_at is not None
