"""Who may see and do what in career prep, as plain predicates. Stories, brag
entries and real interviews are their owner's alone; a story picked in a round is
read by the round's interviewer, in full only once told."""

from career.models import StoryTold
from interviews.models import Round
from users.models import User


def is_owner(user: User, thing) -> bool:
    return user.is_authenticated and thing.owner_id == user.pk


def is_round_candidate(user: User, round_: Round) -> bool:
    return user.is_authenticated and round_.candidate_id == user.pk


def is_round_interviewer(user: User, round_: Round) -> bool:
    return user.is_authenticated and round_.interviewer_id == user.pk


def can_read_told_story(user: User, told: StoryTold, round_: Round) -> bool:
    """The full text of a picked story: its candidate always, the round's
    interviewer once it was told."""
    if is_round_candidate(user, round_):
        return True
    return is_round_interviewer(user, round_) and told.told_at is not None
