"""A session e-mail is a row written with the change; the broker may deliver its
task twice, even to two workers at once, and the e-mail still goes out once."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import SessionEmail
from interviews.services.emails import session_email_send
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
    email = SessionEmail.objects.create(
        session=session,
        participant=session.participants.get(user=partner),
        event="invited",
        sequence=session.sequence,
    )

    results = run_together(
        lambda: session_email_send(email_id=email.pk),
        lambda: session_email_send(email_id=email.pk),
    )

    assert sorted(results) == [False, True]
    assert Counter(slow_mail.message_ids) == {
        f"<session-{session.uid}-email-{email.pk}@mockloop>": 1
    }
    email.refresh_from_db()
    assert email.sent_at is not None
