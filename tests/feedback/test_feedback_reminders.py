"""A day after a round, whoever has not written their part is reminded, once; a
reminder whose part got written meanwhile is dropped."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from feedback.models import FeedbackNotice, FeedbackNoticeKind
from feedback.services.notices import feedback_reminders_sweep, notice_send
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
    return FeedbackNotice.objects.filter(kind=FeedbackNoticeKind.REMINDER)


def test_a_day_later_each_missing_part_is_reminded_once(rounds, alice, bob):
    first, second = rounds  # Alice interviews Bob, then Bob interviews Alice
    write_scorecard(first, 3)
    write_self_assessment(first, 3)
    write_scorecard(second, 3)  # Alice has not assessed herself on round 2

    assert feedback_reminders_sweep() == 1
    assert feedback_reminders_sweep() == 0

    (reminder,) = reminders()
    assert (reminder.user, reminder.part, reminder.round) == (alice, "self", second)
    mail.outbox.clear()
    assert notice_send(notice_id=reminder.pk)
    assert "self-assessment" in mail.outbox[0].subject
    assert mail.outbox[0].to == [alice.email]


def test_no_reminder_before_a_day_has_passed(alice, bob):
    finished_session(
        host=alice, partner=bob, starts_at=timezone.now() - timedelta(hours=3)
    )
    assert feedback_reminders_sweep() == 0


def test_a_reminder_for_a_part_written_meanwhile_is_dropped(rounds, bob):
    first, _ = rounds
    feedback_reminders_sweep()
    reminder = reminders().get(user=bob, part="self", round=first)
    write_self_assessment(first, 3)
    mail.outbox.clear()

    assert not notice_send(notice_id=reminder.pk)

    reminder.refresh_from_db()
    assert reminder.dropped_at is not None and reminder.sent_at is None
    assert mail.outbox == []
