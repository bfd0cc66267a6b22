"""A live room to test against: Alice interviews Bob now, on a question with hints."""

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from interviews.models import MockSession, Round, RoundQuestion
from rooms.models import Pad, PadKind
from rooms.pad_writer import pad_writer
from rooms.services.pads import round_pads_ensure
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import QuestionFactory
from users.models import User

HINTS = ["Sort by start first.", "Merge while you sweep."]


@dataclass
class Room:
    session: MockSession
    round: Round
    chosen: RoundQuestion
    interviewer: User
    candidate: User

    @property
    def shared(self) -> Pad:
        return round_pads_ensure(round_=self.round)[PadKind.SHARED]

    @property
    def notes(self) -> Pad:
        return round_pads_ensure(round_=self.round)[PadKind.NOTES]


def room_now(*, starts_in: timedelta = timedelta(minutes=5)) -> Room:
    alice = UserFactory(email="alice@example.com", display_name="Alice")
    bob = UserFactory(email="bob@example.com", display_name="Bob")
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        starts_at=timezone.now() + starts_in,
    )
    round_ = Round.objects.get(session=session, order=0)
    question = QuestionFactory(
        title="Merge the bookings",
        statement="Merge **overlapping** bookings.",
        hints=HINTS,
        solution_outline="Sort, then sweep once.",
    )
    coding = session.format.segments.get(kind="coding")
    chosen = RoundQuestion.objects.create(
        round=round_, segment=coding, position=0, question=question
    )
    return Room(session, round_, chosen, alice, bob)


class SlowWriter:
    """The process's pad writer, but a store waits `delay` seconds before its
    batch, as on a busy server: set it as `rooms.consumers.pad_writer`'s answer."""

    def __init__(self):
        self.delay = 0.0

    async def store(self, **kwargs):
        await asyncio.sleep(self.delay)
        return await pad_writer().store(**kwargs)
