"""The outbox: a due message is sent once, with its attachments and bell; nothing
before it is due or after it expires; a claim left by a dead worker is taken again
after its lease; failures retry with growing pauses, then are reported; a drop
waits for nothing and stops a message that was claimed."""

import email
import email.policy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.template.loader import render_to_string

from notifications.models import Message, Notification
from notifications.selectors import messages_failed
from notifications.services import (
    DROPPED,
    FAILED,
    RETRY,
    SENT,
    SKIPPED,
    Attachment,
    message_queue,
    message_send,
    messages_claim_due,
    messages_drain,
    messages_drop,
    messages_sweep,
)
from tests.interviews.email_backends import FailingBackend

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
DUE = NOW + timedelta(hours=1)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "tests.interviews.email_backends.FailingBackend"
    FailingBackend.failures, FailingBackend.fail_times = 0, None
    FailingBackend.delivered = []
    return FailingBackend


def queued(alice, *, topic="talk:1:alice", due_at=DUE, **fields) -> Message:
    return message_queue(
        topic=topic,
        kind="Test",
        user=alice,
        to=alice.email,
        subject="Hello",
        body="Hello, Alice.",
        message_id_word="test",
        due_at=due_at,
        **fields,
    )


def test_a_due_message_is_sent_once_and_marked_sent(alice, bob, clock):
    first = queued(alice)
    second = queued(bob, topic="talk:1:bob")
    clock.move_to(DUE)

    drained = messages_drain()
    again = messages_drain()

    assert drained.outcomes == {SENT: 2} and again.outcomes == {}
    assert sorted(m.extra_headers["Message-ID"] for m in mail.outbox) == sorted(
        [f"<test-{first.pk}@mockloop>", f"<test-{second.pk}@mockloop>"]
    )
    assert all(m.subject == "[Mockloop] Hello" for m in mail.outbox)
    assert set(Message.objects.values_list("sent_at", flat=True)) == {DUE}


def test_nothing_is_sent_before_it_is_due(alice, clock):
    queued(alice)
    clock.move_to(DUE - timedelta(seconds=1))

    assert messages_drain().outcomes == {}
    assert mail.outbox == []


def test_sending_the_same_message_twice_sends_it_once(alice, clock):
    queued(alice)
    clock.move_to(DUE)
    (message_id,) = messages_claim_due(now=DUE, batch_size=1)

    assert message_send(message_id=message_id) == SENT
    assert message_send(message_id=message_id) == SKIPPED
    assert len(mail.outbox) == 1


def test_attachments_and_the_bell_go_with_the_message(alice, clock):
    message = queued(
        alice,
        attachments=[
            Attachment(
                "mockloop.ics",
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                "text/calendar",
                (("method", "REQUEST"),),
            )
        ],
        bell_text="Hello from the bell",
        bell_url="/somewhere/",
    )
    clock.move_to(DUE)

    messages_drain()

    parsed = email.message_from_bytes(
        mail.outbox[0].message().as_bytes(), policy=email.policy.default
    )
    (attachment,) = parsed.iter_attachments()
    assert attachment.get_filename() == "mockloop.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    (bell,) = Notification.objects.filter(user=alice)
    assert (bell.text, bell.url, bell.topic) == (
        "Hello from the bell",
        "/somewhere/",
        message.topic,
    )


def test_a_bell_only_message_rings_once_and_sends_no_e_mail(alice, clock):
    message_queue(topic="t", kind="Bell", user=alice, bell_text="Ding", due_at=DUE)
    clock.move_to(DUE)

    assert messages_drain().outcomes == {SENT: 1}
    assert messages_drain().outcomes == {}
    assert mail.outbox == []
    assert Notification.objects.filter(user=alice).count() == 1


def test_a_message_past_its_moment_is_dropped_not_sent(alice, clock):
    queued(alice, expires_at=DUE + timedelta(minutes=5))
    clock.move_to(DUE + timedelta(minutes=5))

    assert messages_drain().outcomes == {DROPPED: 1}
    assert mail.outbox == []
    assert Message.objects.get().dropped_because.startswith("too late")


def test_a_drop_stops_a_claimed_message_and_leaves_others(alice, bob, clock):
    queued(alice, topic="session:1:reminder:1")
    queued(bob, topic="session:10:reminder:1")
    clock.move_to(DUE)
    claimed = messages_claim_due(now=DUE, batch_size=10)

    dropped = messages_drop(topic="session:1", because="cancelled")

    assert dropped == 1
    assert [message_send(message_id=pk) for pk in claimed] == [SKIPPED, SENT]
    assert [m.to for m in mail.outbox] == [[bob.email]]


def test_once_means_once_per_topic(alice):
    assert queued(alice, once=True) is not None
    assert queued(alice, once=True) is None
    assert Message.objects.count() == 1


def test_a_claim_left_by_a_dead_worker_is_taken_again_after_its_lease(alice, clock):
    queued(alice)
    clock.move_to(DUE)
    messages_claim_due(now=DUE, batch_size=10)  # ...and the worker died

    assert messages_drain().outcomes == {}
    clock.move_to(DUE + timedelta(seconds=31))
    assert messages_drain().outcomes == {SENT: 1}
    assert Message.objects.get().attempts == 2


def test_a_failed_send_is_retried_with_growing_pauses_and_reported_after_the_last_try(
    alice, clock, failing_mail
):
    queued(alice)
    moment = DUE
    clock.move_to(moment)
    tried_at = []
    for _ in range(120):  # a drain every five seconds for ten minutes
        outcomes = messages_drain().outcomes
        if outcomes:
            tried_at.append(int((moment - DUE).total_seconds()))
        if FAILED in outcomes:
            break
        assert set(outcomes) <= {RETRY}
        moment += timedelta(seconds=5)
        clock.move_to(moment)

    assert tried_at == [0, 30, 90, 210, 450]
    assert failing_mail.failures == 5
    (message,) = messages_failed(limit=10)
    assert message.failed_at == moment
    assert "SMTPServerDisconnected" in message.last_error
    clock.move_to(moment + timedelta(hours=1))
    assert messages_drain().outcomes == {}
    assert failing_mail.failures == 5

    page = render_to_string(
        "notifications/includes/failed_messages.html",
        {"failed_messages": messages_failed(limit=10)},
    )
    assert alice.email in page
    assert "SMTPServerDisconnected" in page


def test_a_send_that_fails_once_goes_out_once_on_the_retry(
    alice, bob, clock, failing_mail
):
    messages = [queued(alice), queued(bob, topic="talk:1:bob")]
    failing_mail.fail_times = 1
    clock.move_to(DUE)

    assert messages_drain().outcomes == {RETRY: 1, SENT: 1}
    clock.move_to(DUE + timedelta(seconds=30))
    assert messages_drain().outcomes == {SENT: 1}

    assert sorted(failing_mail.delivered) == sorted(m.message_id for m in messages)
    assert not Message.objects.filter(sent_at__isnull=True).exists()


def test_the_bell_rings_once_although_the_e_mail_needed_a_retry(
    alice, clock, failing_mail
):
    queued(alice, bell_text="Ding")
    failing_mail.fail_times = 1
    clock.move_to(DUE)

    messages_drain()
    clock.move_to(DUE + timedelta(seconds=30))
    messages_drain()

    assert Notification.objects.filter(user=alice).count() == 1
    assert len(failing_mail.delivered) == 1


def test_a_row_whose_last_try_never_reported_back_is_given_up_and_reported(
    alice, bob, clock
):
    queued(alice)
    queued(bob, topic="talk:1:bob")
    Message.objects.update(claimed_at=DUE, attempts=5)

    messages_sweep(now=DUE + timedelta(minutes=9))

    assert messages_failed(limit=10).count() == 2
    clock.move_to(DUE + timedelta(minutes=9))
    assert messages_drain().outcomes == {}
    assert mail.outbox == []
