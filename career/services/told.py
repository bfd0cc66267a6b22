"""Stories picked and told in a mock round: the data the live room will use
(docs/career.md, "Stories in a round", is the contract)."""

from django.db import transaction
from django.utils import timezone

from career.models import Story, StoryTold
from career.selectors.stories import round_has_behavioral_part
from core.errors import ApplicationError
from interviews.models import Round, SessionStatus
from rooms.events import room_changed
from users.models import User


def _check_candidate(*, user: User, round_: Round, story: Story) -> None:
    # Strangers and the interviewer are told the same: nothing here is theirs.
    if round_.candidate_id != user.pk or story.owner_id != user.pk:
        raise ApplicationError("Only the round's candidate picks their own stories.")


@transaction.atomic
def story_pick(*, user: User, round: Round, story: Story) -> StoryTold:
    """The candidate picks one of their stories to tell in a round with a behavioral
    part. Picking the same story twice returns the first pick."""
    _check_candidate(user=user, round_=round, story=story)
    if not round_has_behavioral_part(round):
        raise ApplicationError("This round has no behavioral part to tell a story in.")
    if round.ended_at is not None:
        raise ApplicationError("The round is over: pick a story before it ends.")
    if round.session.status == SessionStatus.CANCELLED:
        raise ApplicationError("This session was cancelled.")
    told, created = StoryTold.objects.get_or_create(story=story, round=round)
    if created:
        room_changed(session_id=round.session_id, what="stories")
    return told


@transaction.atomic
def story_unpick(*, user: User, round: Round, story: Story) -> None:
    """The candidate takes back a pick not yet told."""
    _check_candidate(user=user, round_=round, story=story)
    told = (
        StoryTold.objects.select_for_update().filter(story=story, round=round).first()
    )
    if told is None:
        return
    if told.told_at is not None:
        raise ApplicationError("This story was told already; it stays with the round.")
    told.delete()
    room_changed(session_id=round.session_id, what="stories")


@transaction.atomic
def story_mark_told(*, user: User, round: Round, story: Story) -> StoryTold:
    """The candidate or the round's interviewer says the picked story was told:
    from then on the interviewer reads it in full. Marking it again changes
    nothing."""
    if user.pk not in (round.candidate_id, round.interviewer_id):
        raise ApplicationError("Only the round's two people mark a story told.")
    told = (
        StoryTold.objects.select_for_update().filter(story=story, round=round).first()
    )
    if told is None:
        raise ApplicationError("That story was not picked for this round.")
    if told.told_at is None:
        told.told_at = timezone.now()
        told.save(update_fields=["told_at"])
        room_changed(session_id=round.session_id, what="stories")
    return told
