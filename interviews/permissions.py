"""Who may see or do what with sessions and rounds, as plain predicates."""

from interviews.models import MockSession, Round
from users.models import User


def is_participant(user: User, session: MockSession) -> bool:
    return user.is_authenticated and session.participants.filter(user=user).exists()


def can_share_invitation_link(user: User, session: MockSession) -> bool:
    """The shareable link lets anyone holding it join: only the host hands it out."""
    return user.is_authenticated and session.host_id == user.pk


def can_choose_questions(user: User, round_: Round) -> bool:
    """Only the round's interviewer picks, draws or reveals its questions."""
    return user.is_authenticated and round_.interviewer_id == user.id


def can_see_unrevealed_questions(user: User, round_: Round) -> bool:
    """The candidate never learns a question before it is revealed."""
    return user.is_authenticated and round_.interviewer_id == user.id
