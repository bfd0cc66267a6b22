"""A day after a round, whoever has not written their part is reminded, once,
through the outbox; a reminder whose part got written meanwhile is dropped."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from feedback.services.notices import feedback_reminders_sweep
from feedback.services.self_assessments import self_assessment_skip
from notifications.models import Message
from notifications.services import SENT, SKIPPED, message_send, messages_claim_due
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def rounds(alice, bob):
    session = finished_session(
        host=alice, partner=bob, starts_at=timezone.now() - timedelta(hours=30)
    )
    return rounds_of(session)


def reminders():
    return Message.objects.filter(topic__contains=":feedback:reminder:")


def about(message) -> tuple:
    """(reader, part, round id) from the topic: ...:round:<id>:feedback:reminder:
    <part>:<reader>."""
    parts = message.topic.split(":")
    return message.user, parts[-2], int(parts[parts.index("round") + 1])


def send(message) -> str:
    messages_claim_due(now=timezone.now(), batch_size=10)
    return message_send(message_id=message.pk)


def test_a_day_later_each_missing_part_is_reminded_once(rounds, alice, bob):
    first, second = rounds  # Alice interviews Bob, then Bob interviews Alice
    write_scorecard(first, 3)
    write_self_assessment(first, 3)
    write_scorecard(second, 3)  # Alice has not assessed herself on round 2

    assert feedback_reminders_sweep() == 1
    assert feedback_reminders_sweep() == 0

    (reminder,) = reminders()
    assert about(reminder) == (alice, "self", second.pk)
    mail.outbox.clear()
    assert send(reminder) == SENT
    assert "self-assessment" in mail.outbox[0].subject
    assert mail.outbox[0].to == [alice.email]
    assert alice.notifications.filter(text__contains="self-assessment").exists()


def test_no_reminder_before_a_day_has_passed(alice, bob):
    finished_session(
        host=alice, partner=bob, starts_at=timezone.now() - timedelta(hours=3)
    )
    assert feedback_reminders_sweep() == 0


def test_a_reminder_for_a_part_written_meanwhile_is_dropped(rounds, bob):
    first, _ = rounds
    feedback_reminders_sweep()
    (reminder,) = [r for r in reminders() if about(r) == (bob, "self", first.pk)]
    self_assessment_skip(round_id=first.pk, author=bob)  # an answer too
    mail.outbox.clear()

    assert send(reminder) == SKIPPED

    reminder.refresh_from_db()
    assert reminder.dropped_at is not None and reminder.sent_at is None
    assert reminder.dropped_because == "the feedback was written first"
    assert mail.outbox == []
