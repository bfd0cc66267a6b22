"""Two drains at once, each in its own thread with its own database connection, send
every due message exactly once (reminders of sessions starting now, as an example)."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.services.reminders import reminders_schedule
from notifications import services
from notifications.models import Message
from notifications.services import (
    SENT,
    SKIPPED,
    message_send,
    messages_claim_due,
    messages_drain,
)
from tests.interviews.email_backends import RecordingBackend
from tests.interviews.reminder_builders import make_format, make_people, make_session
from tests.threads import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


@pytest.fixture
def recording_mail(settings):
    settings.EMAIL_BACKEND = "tests.interviews.email_backends.RecordingBackend"
    RecordingBackend.message_ids = []
    yield RecordingBackend
    RecordingBackend.delay_seconds = 0.0


@pytest.fixture
def drains_meet_after_first_claim(monkeypatch):
    """Each drain waits, after its first claim and before sending, until the other
    has claimed too. A send holds the database's write lock, and on SQLite that is
    the whole file: without this meeting a drain that starts a moment late may find
    every message sent before its busy handler ever sees the file free, and the
    test would prove nothing about two drains sharing the work."""
    claim = services.messages_claim_due
    met = threading.Barrier(2)
    first_claims = set()

    def claim_then_meet(**kwargs):
        ids = claim(**kwargs)
        me = threading.get_ident()
        if me not in first_claims:
            first_claims.add(me)
            met.wait(timeout=10)
        return ids

    monkeypatch.setattr(services, "messages_claim_due", claim_then_meet)


def due_sessions(count: int) -> list[int]:
    """count sessions starting in ten minutes: each person's 15-minute reminder is
    due at once."""
    hosts = make_people(count, prefix="host", reminder_offsets=[15])
    partners = make_people(count, prefix="partner", reminder_offsets=[15])
    format_ = make_format(owner=hosts[0])
    starts_at = timezone.now() + timedelta(minutes=10)
    for host, partner in zip(hosts, partners, strict=True):
        session = make_session(
            host=host, partner=partner, starts_at=starts_at, format_=format_
        )
        reminders_schedule(session=session)
    return list(Message.objects.values_list("pk", flat=True))


def test_two_concurrent_drains_send_every_due_message_exactly_once(
    recording_mail, drains_meet_after_first_claim
):
    ids = due_sessions(60)

    first, second = run_together(
        lambda: messages_drain(batch_size=5),
        lambda: messages_drain(batch_size=5),
    )

    sent = Counter(recording_mail.message_ids)
    assert len(ids) == 120
    assert sent == Counter({f"<reminder-{pk}@mockloop>": 1 for pk in ids})
    assert first.outcomes[SENT] + second.outcomes[SENT] == 120
    assert first.outcomes[SENT] > 0 and second.outcomes[SENT] > 0
    assert not Message.objects.filter(sent_at__isnull=True).exists()


def test_two_concurrent_claims_never_take_the_same_row(recording_mail):
    ids = due_sessions(40)
    now = timezone.now()

    first, second = run_together(
        lambda: messages_claim_due(now=now, batch_size=50),
        lambda: messages_claim_due(now=now, batch_size=50),
    )

    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(ids)


def test_two_workers_sending_the_same_row_at_once_send_it_once(recording_mail):
    (reminder_id, *_) = due_sessions(1)
    messages_claim_due(now=timezone.now(), batch_size=10)
    recording_mail.delay_seconds = 0.5  # the first holds the row while it sends

    outcomes = run_together(
        lambda: message_send(message_id=reminder_id),
        lambda: message_send(message_id=reminder_id),
    )

    assert sorted(outcomes) == [SENT, SKIPPED]
    assert recording_mail.message_ids == [f"<reminder-{reminder_id}@mockloop>"]
