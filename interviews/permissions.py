"""Who may see or do what with sessions and rounds, as plain predicates."""

from interviews.models import MockSession, Round
from users.models import User


def is_participant(user: User, session: MockSession) -> bool:
    return user.is_authenticated and session.participants.filter(user=user).exists()


def knows_availability_of(viewer: User, owner: User) -> bool:
    """Besides whoever holds an owner's booking link, the people they have had a
    session with may look them up by e-mail: strangers never learn when anyone is
    free."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == owner.pk:
        return True
    return (
        MockSession.objects.filter(participants__user=viewer)
        .filter(participants__user=owner)
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
