"""Invitations: a single-use link the host shares, or one e-mailed to an address
without an account. Whoever opens it signs in (or up) and joins the session."""

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from interviews.events import session_announce
from interviews.models import (
    Invitation,
    MockSession,
    Participant,
    ParticipantResponse,
    Round,
)
from interviews.services.session_rules import (
    attending,
    ensure_free,
    ensure_open,
    invitation_new,
    invitation_problem,
    lock_people,
    participant_of,
    session_lock,
    status_refresh,
)
from users.models import User


@transaction.atomic
def invitation_create_link(*, session: MockSession, by: User) -> Invitation:
    """The session's shareable link: the one still valid, or a new one."""
    session = session_lock(session)
    ensure_open(session, doing="invite someone to")
    if not participant_of(session=session, user=by).is_host:
        raise ApplicationError("Only the host can share an invitation link.")
    if session.participants.count() >= 2:
        raise ApplicationError("This session already has a partner.")
    live = session.invitations.filter(
        email="", used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
    return live or invitation_new(session=session, by=by)


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> MockSession:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("session__host")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise ApplicationError(
            "This invitation link is not valid. Check that you copied all of it."
        )
    session = session_lock(invitation.session)
    problem = invitation_problem(invitation, user=user)
    if problem:
        raise ApplicationError(problem)
    if invitation.email:
        participant = session.participants.filter(
            email__iexact=invitation.email, user__isnull=True
        ).first()
    else:
        participant = None
        if session.participants.count() >= 2:
            raise ApplicationError("This session already has a partner.")
    participant = participant or Participant(session=session)
    lock_people([user])
    ensure_free(
        users=[user],
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        actor=user,
        exclude=session,
    )
    now = timezone.now()
    participant.user = user
    participant.response = ParticipantResponse.ACCEPTED
    participant.responded_at = now
    participant.save()
    Round.objects.filter(session=session, interviewer__isnull=True).update(
        interviewer=user
    )
    Round.objects.filter(session=session, candidate__isnull=True).update(candidate=user)
    invitation.used_at, invitation.used_by = now, user
    invitation.save(update_fields=["used_at", "used_by"])
    status_refresh(session)
    session_announce(
        session=session,
        event="accepted",
        actor=user,
        text=f"{user.name} accepted your invitation: {session.format.name}, {{when}}.",
        recipients=attending(session),
    )
    return session
