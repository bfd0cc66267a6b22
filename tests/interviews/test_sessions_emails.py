"""Which e-mails each change queues, and to whom: the invitation to the partner (by
address when they have no account), then every change to everyone still coming, each
with the session's SEQUENCE at the time, after the change commits."""

from datetime import timedelta

import pytest
import time_machine

from interviews.services.sessions import (
    session_accept,
    session_cancel,
    session_decline,
    session_reschedule,
    session_schedule,
)
from notifications.models import Message
from tests.interviews.sessions_support import NOW, builtin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """(event, recipient, sequence) of every e-mail a change writes to the outbox
    (its topic: session:<id>:email:<participant>:<event>:<sequence>)."""

    def run(change, **kwargs):
        before = Message.objects.order_by("-pk").values_list("pk", flat=True).first()
        with django_capture_on_commit_callbacks(execute=False):
            result = change(**kwargs)
        written = Message.objects.filter(pk__gt=before or 0, topic__contains=":email:")
        queued = []
        for message in written:
            *_, event, sequence = message.topic.split(":")
            queued.append((event, message.to, int(sequence)))
        return result, sorted(queued)

    return run


def test_each_change_mails_the_people_concerned(mails, alice, bob):
    tomorrow = NOW + timedelta(days=1)
    session, sent = mails(
        session_schedule, host=alice, partner=bob, format=builtin(), starts_at=tomorrow
    )
    assert sent == [("invited", bob.email, 0)]

    _, sent = mails(session_accept, session=session, user=bob)
    assert sent == [("accepted", alice.email, 0), ("accepted", bob.email, 0)]

    _, sent = mails(
        session_reschedule,
        session=session,
        by=alice,
        starts_at=tomorrow + timedelta(hours=2),
    )
    assert sent == [("rescheduled", alice.email, 1), ("rescheduled", bob.email, 1)]

    _, sent = mails(session_cancel, session=session, by=bob, reason="Sick")
    assert sent == [("cancelled", alice.email, 2), ("cancelled", bob.email, 2)]


def test_an_address_without_an_account_is_mailed_its_invitation(mails, alice):
    _, sent = mails(
        session_schedule,
        host=alice,
        partner_email="dana@example.com",
        format=builtin(),
        starts_at=NOW + timedelta(days=1),
    )

    assert sent == [("invited", "dana@example.com", 0)]


def test_a_shareable_link_mails_nobody(mails, alice):
    _, sent = mails(
        session_schedule,
        host=alice,
        format=builtin(),
        starts_at=NOW + timedelta(days=1),
    )

    assert sent == []


def test_a_decline_mails_only_the_host(mails, alice, bob):
    session = session_schedule(
        host=alice, partner=bob, format=builtin(), starts_at=NOW + timedelta(days=1)
    )

    _, sent = mails(session_decline, session=session, user=bob, reason="Busy")

    assert sent == [("declined", alice.email, 1)]
