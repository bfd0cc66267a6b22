"""`load_demo`'s session: a swap-mode phone screen between the two demo accounts that
starts a few minutes later, so a newcomer can open the room at once."""

from datetime import timedelta

import pytest
import time_machine

from demo.accounts import demo_accounts_ensure
from demo.session import demo_session_ensure
from interviews.models import MockSession, SessionStatus
from tests.interviews.sessions_support import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW + timedelta(seconds=20), tick=False) as traveller:
        yield traveller


def test_the_demo_session_starts_in_five_minutes_and_is_kept(frozen_now):
    demo_accounts_ensure()

    summary = demo_session_ensure()

    session = MockSession.objects.get()
    assert session.starts_at == NOW + timedelta(minutes=5)
    assert (session.status, session.swap) == (SessionStatus.SCHEDULED, True)
    assert session.format.slug == "phone-screen-e4-e5"
    rounds = session.rounds.order_by("order")
    assert [(r.interviewer.email, r.candidate.email) for r in rounds] == [
        ("bob@mockloop.test", "alice@mockloop.test"),
        ("alice@mockloop.test", "bob@mockloop.test"),
    ]
    assert "starts in 5 min" in summary

    frozen_now.move_to(NOW + timedelta(minutes=30))
    demo_session_ensure()
    assert MockSession.objects.count() == 1

    frozen_now.move_to(NOW + timedelta(hours=2))
    demo_session_ensure()
    assert MockSession.objects.count() == 2


def test_without_the_demo_accounts_it_says_so():
    assert "skipped" in demo_session_ensure()
    assert not MockSession.objects.exists()


def test_without_the_demo_accounts_the_feedback_history_says_so():
    from demo.feedback import demo_feedback_ensure

    assert "skipped" in demo_feedback_ensure()
    assert not MockSession.objects.exists()


def test_the_demo_never_blocks_a_newcomers_own_first_mock(client, frozen_now):
    from interviews.services.sessions import session_cancel
    from tests.factories import UserFactory
    from tests.interviews.sessions_support import book

    demo_accounts_ensure()
    demo_session_ensure()
    demo = MockSession.objects.get()
    alice = demo.host
    friend = UserFactory(email="carol@example.com", display_name="Carol")

    # Alice's own mock, at the demo's very time, for her and for Carol.
    mine = book(host=alice, partner=friend, starts_at=demo.starts_at)

    assert mine.status == SessionStatus.SCHEDULED
    client.force_login(alice)
    page = client.get(f"/sessions/{demo.pk}/").content.decode()
    assert "The demo mock between the two demo accounts" in page
    assert "it never stands in the way of a session you book" in page
    assert demo.note == ""
    session_cancel(session=demo, by=alice, reason="Not now")
    page = client.get(f"/sessions/{demo.pk}/").content.decode()
    assert "The demo mock" not in page
