"""Scheduling with a friend: invite, accept, decline, propose, reschedule, cancel.
Each change tells the other side and moves the reminders; bad input is refused with
a message and changes nothing."""

from datetime import timedelta

import pytest
import time_machine

from core.errors import ApplicationError
from interviews.models import (
    MockSession,
    Participant,
    ParticipantResponse,
    SessionStatus,
)
from interviews.services.formats import format_create
from interviews.services.sessions import (
    session_accept,
    session_cancel,
    session_decline,
    session_propose_time,
    session_reschedule,
    session_schedule,
)
from notifications.models import Notification
from tests.factories import UserFactory
from tests.interviews.reminder_rows import reminder_messages
from tests.interviews.sessions_support import NOW, book, builtin, counts

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TOMORROW = NOW + timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def latest_notice(user) -> str:
    return Notification.objects.filter(user=user).latest("pk").text


def refused(message: str, call, **kwargs) -> None:
    """The call fails with `message` and every table is as it was."""
    before = counts()
    with pytest.raises(ApplicationError, match=message):
        call(**kwargs)
    assert counts() == before


def test_an_invitation_waits_for_the_partner_and_tells_them(alice, bob):
    session = book(host=alice, partner=bob, accept=False)

    assert session.status == SessionStatus.PROPOSED
    assert session.ends_at - session.starts_at == timedelta(minutes=45)
    bob_part = session.participants.get(user=bob)
    assert bob_part.response == ParticipantResponse.PENDING
    notice = Notification.objects.get(user=bob)
    assert "Alice invited you" in notice.text
    assert notice.url == f"/sessions/{session.pk}/"
    # Reminders only once both agreed.
    assert not reminder_messages().exists()


def test_accepting_schedules_the_session_and_writes_reminders(alice, bob):
    session = book(host=alice, partner=bob)

    assert session.status == SessionStatus.SCHEDULED
    assert session.sequence == 0
    assert set(reminder_messages().values_list("user__email", flat=True)) == {
        alice.email,
        bob.email,
    }
    assert "Bob accepted" in Notification.objects.get(user=alice).text


def test_swap_mode_has_two_rounds_each_interviewing_the_other(alice, bob):
    session = book(host=alice, partner=bob, swap=True, host_role="interviewer")

    rounds = list(session.rounds.order_by("order"))
    assert [(r.interviewer, r.candidate) for r in rounds] == [
        (alice, bob),
        (bob, alice),
    ]
    assert session.ends_at - session.starts_at == timedelta(minutes=90)


def test_without_swap_the_host_is_the_candidate_by_default(alice, bob):
    session = book(host=alice, partner=bob)

    (round_,) = session.rounds.all()
    assert (round_.interviewer, round_.candidate) == (bob, alice)


def test_a_time_in_the_past_is_refused(alice, bob):
    refused(
        "That time is in the past",
        session_schedule,
        host=alice,
        partner=bob,
        format=builtin(),
        starts_at=NOW - timedelta(minutes=1),
    )


def test_inviting_yourself_is_refused_by_account_and_by_address(alice):
    for partner in ({"partner": alice}, {"partner_email": "ALICE@example.com"}):
        refused(
            "You cannot invite yourself",
            session_schedule,
            host=alice,
            format=builtin(),
            starts_at=TOMORROW,
            **partner,
        )


def test_an_overlap_for_the_host_names_the_session_in_the_way(alice, bob):
    book(host=alice, partner=bob, starts_at=TOMORROW)
    carol = UserFactory(display_name="Carol")

    refused(
        "You already have a session at that time: Phone screen",
        session_schedule,
        host=alice,
        partner=carol,
        format=builtin(),
        starts_at=TOMORROW + timedelta(minutes=44),
    )


def test_inviting_a_busy_address_reveals_neither_the_account_nor_its_time(alice, bob):
    carol = UserFactory(display_name="Carol")
    book(host=carol, partner=bob, starts_at=TOMORROW)

    session = session_schedule(
        host=alice,
        partner_email=bob.email,
        format=builtin(),
        starts_at=TOMORROW - timedelta(minutes=30),
    )

    assert session.status == SessionStatus.PROPOSED
    # Bob weighs the clash when he answers, and sees his own session.
    refused(
        "You already have a session at that time: Phone screen",
        session_accept,
        session=session,
        user=bob,
    )


def test_back_to_back_sessions_do_not_overlap(alice, bob):
    book(host=alice, partner=bob, starts_at=TOMORROW)

    after = book(host=alice, partner=bob, starts_at=TOMORROW + timedelta(minutes=45))

    assert after.status == SessionStatus.SCHEDULED


def test_a_cancelled_session_frees_its_time(alice, bob):
    first = book(host=alice, partner=bob, starts_at=TOMORROW)
    session_cancel(session=first, by=bob, reason="Sick")

    again = book(host=alice, partner=bob, starts_at=TOMORROW)

    assert again.status == SessionStatus.SCHEDULED


def test_another_persons_format_counts_as_unknown(alice, bob):
    private = format_create(
        owner=bob,
        name="Bob's drill",
        segments=[{"kind": "coding", "minutes": 30, "questions": 1}],
    )

    refused(
        "Unknown format",
        session_schedule,
        host=alice,
        partner_email="someone@example.com",
        format=private,
        starts_at=TOMORROW,
    )


def test_a_loop_needs_one_of_its_rounds_and_takes_only_its_time(alice, bob):
    loop = builtin("onsite-loop-e4-e5")
    refused(
        "pick which of its rounds",
        session_schedule,
        host=alice,
        partner=bob,
        format=loop,
        starts_at=TOMORROW,
    )

    ml_round = loop.segments.get(order=2)
    session = book(host=alice, partner=bob, format=loop, loop_segment=ml_round)

    assert session.loop_segment == ml_round
    assert session.ends_at - session.starts_at == timedelta(minutes=45)


def test_a_round_of_another_loop_is_refused(alice, bob):
    refused(
        "not part of this loop",
        session_schedule,
        host=alice,
        partner=bob,
        format=builtin("onsite-loop-e4-e5"),
        loop_segment=builtin("onsite-loop-e6").segments.first(),
        starts_at=TOMORROW,
    )


def test_an_address_with_an_account_invites_that_person(alice, bob):
    session = session_schedule(
        host=alice,
        partner_email=" Bob@Example.com ",
        format=builtin(),
        starts_at=TOMORROW,
    )

    assert session.participants.get(is_host=False).user == bob
    assert not session.invitations.exists()


def test_an_address_without_an_account_gets_an_e_mailed_invitation(alice):
    session = session_schedule(
        host=alice,
        partner_email="dana@example.com",
        format=builtin(),
        starts_at=TOMORROW,
    )

    guest = session.participants.get(is_host=False)
    assert (guest.user, guest.email) == (None, "dana@example.com")
    invitation = session.invitations.get()
    assert invitation.email == "dana@example.com"
    assert invitation.expires_at == session.starts_at


def test_accepting_twice_is_refused(alice, bob):
    session = book(host=alice, partner=bob)

    refused("already accepted", session_accept, session=session, user=bob)


def test_declining_calls_the_session_off_and_tells_the_host(alice, bob):
    session = book(host=alice, partner=bob, accept=False)

    session_decline(session=session, user=bob, reason="Travelling that week")

    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.participants.get(user=bob).response == ParticipantResponse.DECLINED
    assert "Travelling that week" in latest_notice(alice)


def test_the_host_cannot_decline_their_own_session(alice, bob):
    session = book(host=alice, partner=bob, accept=False)

    refused("cancel it instead", session_decline, session=session, user=alice)


def test_a_proposed_time_moves_the_session_once_the_host_accepts_it(alice, bob):
    session = book(host=alice, partner=bob, accept=False)
    later = TOMORROW + timedelta(hours=3)

    session_propose_time(session=session, user=bob, starts_at=later)
    session.refresh_from_db()
    assert session.starts_at == TOMORROW
    assert "Bob proposes another time" in latest_notice(alice)

    session_accept(session=session, user=alice)

    session.refresh_from_db()
    assert (session.starts_at, session.status) == (later, SessionStatus.SCHEDULED)
    assert session.sequence == 1
    assert not Participant.objects.filter(proposed_starts_at__isnull=False).exists()


def test_rescheduling_moves_both_times_and_raises_the_sequence(alice, bob):
    session = book(host=alice, partner=bob, swap=True)
    later = TOMORROW + timedelta(days=2)

    session_reschedule(session=session, by=bob, starts_at=later, reason="Exam day")

    session.refresh_from_db()
    assert session.starts_at == later
    assert session.ends_at == later + timedelta(minutes=90)
    assert session.sequence == 1
    assert set(reminder_messages().values_list("due_at", flat=True)) == {
        later - timedelta(days=1),
        later - timedelta(minutes=15),
    }
    assert "Exam day" in latest_notice(alice)


def test_rescheduling_into_an_overlap_changes_nothing(alice, bob):
    session = book(host=alice, partner=bob, starts_at=TOMORROW)
    book(host=alice, partner=bob, starts_at=TOMORROW + timedelta(hours=5))

    refused(
        "already have a session at that time",
        session_reschedule,
        session=session,
        by=alice,
        starts_at=TOMORROW + timedelta(hours=5, minutes=15),
    )
    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (TOMORROW, 0)


def test_a_cancelled_session_cannot_be_rescheduled(alice, bob):
    session = book(host=alice, partner=bob)
    session_cancel(session=session, by=alice, reason="Flu")
    session.refresh_from_db()

    refused(
        "This session was cancelled",
        session_reschedule,
        session=session,
        by=alice,
        starts_at=TOMORROW + timedelta(days=1),
    )
    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (TOMORROW, 1)


def test_cancelling_needs_a_reason_and_stops_the_reminders(alice, bob):
    session = book(host=alice, partner=bob)
    refused("Say why you cancel", session_cancel, session=session, by=bob, reason=" ")

    session_cancel(session=session, by=bob, reason="Got the offer already")

    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert (session.cancelled_by, session.sequence) == (bob, 1)
    assert not reminder_messages().exists()
    assert "Got the offer already" in latest_notice(alice)


def test_a_session_that_has_begun_cannot_be_moved(alice, bob):
    session = book(host=alice, partner=bob, starts_at=NOW + timedelta(minutes=5))

    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        refused(
            "already begun",
            session_reschedule,
            session=session,
            by=alice,
            starts_at=NOW + timedelta(days=1),
        )


def test_strangers_cannot_change_a_session(alice, bob):
    session = book(host=alice, partner=bob)
    mallory = UserFactory()

    refused(
        "not part of this session",
        session_cancel,
        session=session,
        by=mallory,
        reason="x",
    )
    assert MockSession.objects.get().status == SessionStatus.SCHEDULED
