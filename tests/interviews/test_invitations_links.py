"""Invitation links: the host shares a single-use link (or one goes out by e-mail to an
address without an account); whoever opens it signs in and joins. A used, expired or
cancelled link says so clearly and changes nothing."""

from datetime import timedelta

import pytest
import time_machine

from core.errors import ApplicationError
from interviews.models import Invitation, ParticipantResponse, SessionStatus
from interviews.services.invitations import invitation_accept, invitation_create_link
from interviews.services.sessions import session_cancel, session_schedule
from tests.factories import UserFactory
from tests.interviews.sessions_support import NOW, book, builtin, counts

pytestmark = pytest.mark.django_db

TOMORROW = NOW + timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def linked(alice):
    """A swap-mode session of Alice's with a link to share and no partner yet."""
    return session_schedule(host=alice, format=builtin(), starts_at=TOMORROW, swap=True)


def test_a_session_without_a_partner_gets_a_link_that_lasts_until_the_start(linked):
    link = linked.invitations.get()

    assert link.email == ""
    assert len(link.token) >= 40
    assert link.expires_at == TOMORROW
    assert invitation_create_link(session=linked, by=linked.host) == link


def test_whoever_opens_the_link_joins_and_fills_the_empty_places(linked, bob):
    token = linked.invitations.get().token

    session = invitation_accept(token=token, user=bob)

    assert session.status == SessionStatus.SCHEDULED
    rounds = list(session.rounds.order_by("order"))
    assert [(r.interviewer, r.candidate) for r in rounds] == [
        (bob, linked.host),
        (linked.host, bob),
    ]
    assert session.participants.get(user=bob).response == ParticipantResponse.ACCEPTED
    invitation = Invitation.objects.get()
    assert (invitation.used_by, invitation.used_at) == (bob, NOW)


def test_a_used_link_says_so_and_changes_nothing(linked, bob):
    token = linked.invitations.get().token
    invitation_accept(token=token, user=bob)
    carol = UserFactory()
    before = counts()

    with pytest.raises(ApplicationError, match="already been used. Ask Alice"):
        invitation_accept(token=token, user=carol)
    with pytest.raises(ApplicationError, match="already accepted this invitation"):
        invitation_accept(token=token, user=bob)
    assert counts() == before


def test_an_expired_link_says_so(frozen_now, linked, bob):
    token = linked.invitations.get().token
    frozen_now.move_to(TOMORROW)

    with pytest.raises(ApplicationError, match="expired. Ask Alice for a new one"):
        invitation_accept(token=token, user=bob)
    assert not linked.participants.filter(user=bob).exists()


def test_a_link_expires_after_a_week_for_a_later_session(alice, frozen_now):
    session = session_schedule(
        host=alice, format=builtin(), starts_at=NOW + timedelta(days=30)
    )
    link = session.invitations.get()
    assert link.expires_at == NOW + timedelta(days=7)

    frozen_now.move_to(NOW + timedelta(days=8))
    fresh = invitation_create_link(session=session, by=alice)

    assert fresh != link
    assert fresh.expires_at == NOW + timedelta(days=15)


def test_a_cancelled_sessions_link_says_so(linked, bob):
    token = linked.invitations.get().token
    session_cancel(session=linked, by=linked.host, reason="Something came up")

    with pytest.raises(ApplicationError, match="Alice cancelled this session"):
        invitation_accept(token=token, user=bob)


def test_the_host_cannot_join_their_own_session(linked):
    with pytest.raises(ApplicationError, match="your own session"):
        invitation_accept(token=linked.invitations.get().token, user=linked.host)


def test_a_mistyped_token_is_not_valid(linked, bob):
    with pytest.raises(ApplicationError, match="not valid"):
        invitation_accept(token="nope", user=bob)


def test_joining_by_link_still_refuses_an_overlap(linked, bob):
    book(host=bob, partner=UserFactory(), starts_at=TOMORROW + timedelta(minutes=30))
    before = counts()

    with pytest.raises(ApplicationError, match="You already have a session"):
        invitation_accept(token=linked.invitations.get().token, user=bob)
    assert counts() == before


def test_an_e_mailed_invitation_is_taken_by_whoever_signs_up(alice):
    session = session_schedule(
        host=alice,
        partner_email="dana@example.com",
        format=builtin(),
        starts_at=TOMORROW,
    )
    dana = UserFactory(email="dana.new@example.com", display_name="Dana")

    invitation_accept(token=session.invitations.get().token, user=dana)

    (guest,) = session.participants.filter(is_host=False)
    assert (guest.user, guest.email) == (dana, "dana@example.com")
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_no_second_link_once_someone_joined(linked, bob):
    invitation_accept(token=linked.invitations.get().token, user=bob)

    with pytest.raises(ApplicationError, match="already has a partner"):
        invitation_create_link(session=linked, by=linked.host)


def test_the_invitation_page_asks_to_log_in_first(client, linked):
    url = f"/sessions/invitations/{linked.invitations.get().token}/"

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_invitation_page_shows_the_session_then_joins(client, linked, bob):
    bob.time_zone = "Europe/Berlin"
    bob.save()
    url = f"/sessions/invitations/{linked.invitations.get().token}/"
    client.force_login(bob)

    page = client.get(url).content.decode()
    assert "Alice invites you to <strong>Phone screen (E4/E5)</strong>" in page
    assert "13:00 CET" in page

    response = client.post(url)
    assert response["Location"] == f"/sessions/{linked.pk}/"


def test_the_invitation_page_explains_a_used_link(client, linked, bob):
    token = linked.invitations.get().token
    invitation_accept(token=token, user=bob)
    client.force_login(UserFactory())

    response = client.get(f"/sessions/invitations/{token}/")

    assert response.status_code == 400
    assert "This invitation link has already been used" in response.content.decode()
    assert client.post(f"/sessions/invitations/{token}/").status_code == 400


def test_the_host_sees_the_link_to_copy_on_the_session_page(client, linked, bob):
    token = linked.invitations.get().token
    client.force_login(linked.host)

    page = client.get(f"/sessions/{linked.pk}/").content.decode()

    assert f"/sessions/invitations/{token}/" in page
    assert 'data-copy="#invitation-link"' in page
    invitation_accept(token=token, user=bob)
    assert token not in client.get(f"/sessions/{linked.pk}/").content.decode()
