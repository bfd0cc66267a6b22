"""Who may see or do what with sessions and rounds, as plain predicates."""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from interviews.models import (
    MockSession,
    ParticipantResponse,
    Round,
    RoundQuestion,
    SessionStatus,
)
from users.models import User


def is_participant(user: User, session: MockSession) -> bool:
    return user.is_authenticated and session.participants.filter(user=user).exists()


def has_accepted(user: User, session: MockSession) -> bool:
    """The session's people, once they accepted it (and it is on)."""
    return (
        user.is_authenticated
        and session.status == SessionStatus.SCHEDULED
        and session.participants.filter(
            user=user, response=ParticipantResponse.ACCEPTED
        ).exists()
    )


def knows_availability_of(viewer: User, owner: User) -> bool:
    """Besides whoever holds an owner's booking link, the people they have had a
    session with may look them up by e-mail: strangers never learn when anyone is
    free. A session counts once both accepted it; an invitation alone does not, or
    inviting anyone would open their calendar."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == owner.pk:
        return True
    accepted = ParticipantResponse.ACCEPTED
    return (
        MockSession.objects.filter(
            participants__user=viewer, participants__response=accepted
        )
        .filter(participants__user=owner, participants__response=accepted)
        .exists()
    )


def can_share_invitation_link(user: User, session: MockSession) -> bool:
    """The shareable link lets anyone holding it join: only the host hands it out."""
    return user.is_authenticated and session.host_id == user.pk


def can_choose_questions(user: User, round_: Round) -> bool:
    """Only the round's interviewer picks, draws or reveals its questions."""
    return user.is_authenticated and round_.interviewer_id == user.id


def can_see_unrevealed_questions(user: User, round_: Round) -> bool:
    """The candidate never learns a question before it is revealed."""
    return user.is_authenticated and round_.interviewer_id == user.id


def round_is_over(round_: Round, now: datetime | None = None) -> bool:
    """A round is over once ended in the room, or started and the session's time
    is up: its feedback and its replay open then."""
    if round_.session.status != SessionStatus.SCHEDULED:
        return False
    if round_.ended_at is not None:
        return True
    return round_.started_at is not None and (now or timezone.now()) >= (
        round_.session.ends_at
    )


def interviewer_sees_question_fields(user: User, question) -> bool | None:
    """A question's hints and outline, for the interviewer of a round that uses it,
    in a session both people accepted, from when it was picked. Creating a session
    with any address and picking a question opens nothing: nobody agreed to be
    interviewed. A question picked for you as candidate stays closed to you until
    that round has ended, even when you interview with it elsewhere meanwhile.
    (A rule of questions.permissions, added when the app is ready.)"""
    uses = RoundQuestion.objects.filter(question=question)
    asked_of_me = uses.filter(
        round__candidate=user, round__session__is_solo=False, round__ended_at=None
    ).exclude(round__session__status=SessionStatus.CANCELLED)
    if asked_of_me.exists():
        return False
    if uses.filter(
        round__interviewer=user, round__session__status=SessionStatus.SCHEDULED
    ).exists():
        return True
    return None


def questions_met_in_mocks(user: User) -> set[int]:
    """Questions a person must not be drawn again: given (revealed) to them as
    candidate, or asked by them (asking shows the hints and the outline). (A source
    of questions.selectors.browse, added when the app is ready.)"""
    return set(
        RoundQuestion.objects.filter(
            Q(round__candidate=user, revealed_at__isnull=False)
            | Q(round__interviewer=user),
            # Practising alone hides nothing; opening its answers does
            # (practice.permissions).
            round__session__is_solo=False,
        ).values_list("question_id", flat=True)
    )
