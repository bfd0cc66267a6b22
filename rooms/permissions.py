"""Who may be in a room and do what there, as plain predicates."""

from interviews.models import MockSession, Round
from interviews.permissions import has_accepted
from rooms.models import PadKind
from users.models import User


def can_use_room(user: User, session: MockSession) -> bool:
    """The live room and its sockets: the session's people, once they accepted."""
    return has_accepted(user, session)


def can_run_round(user: User, round_: Round) -> bool:
    """The clock, the reveals and the hints of a round: its interviewer only; in
    solo practice, the one person practising."""
    if not user.is_authenticated:
        return False
    if round_.session.is_solo:
        return round_.candidate_id == user.id
    return round_.interviewer_id == user.id


def can_open_pad(user: User, pad) -> bool:
    """A round's shared pad and whiteboard: both people in the room. Its notes: the
    interviewer."""
    if not can_use_room(user, pad.round.session):
        return False
    if pad.kind in (PadKind.SHARED, PadKind.BOARD):
        return True
    return pad.round.interviewer_id == user.id
