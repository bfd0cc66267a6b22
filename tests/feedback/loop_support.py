"""Loops for the debrief tests: a three-round loop format (coding, system design,
behavioral), and rounds of it held by a candidate with one friend each."""

import itertools
from datetime import datetime, timedelta

from django.utils import timezone

from feedback.models import InterviewerFeedback
from interviews.models import Format, MockSession, Round, Segment
from tests.feedback.support import write_scorecard, write_self_assessment
from tests.interviews.sessions_support import book
from users.models import User

PARTS = ("coding", "system_design", "behavioral")
# Booked far ahead, each in a slot of its own (the past cannot be booked).
_SLOTS = itertools.count()


def three_round_loop(owner: User) -> Format:
    """The candidate's own loop format: each part is a whole round."""
    loop = Format.objects.create(
        owner=owner, slug="three-round-loop", name="Three-round loop", is_loop=True
    )
    for order, kind in enumerate(PARTS):
        Segment.objects.create(
            format=loop, order=order, kind=kind, minutes=45, questions=1
        )
    return loop


def held_round(
    *,
    candidate: User,
    interviewer: User,
    loop: Format,
    part: int,
    starts_at: datetime | None = None,
) -> Round:
    """A session of one part of `loop`, booked by the candidate, accepted by the
    interviewer, held at `starts_at` (by default a day ago plus `part` hours)."""
    starts_at = starts_at or timezone.now() - timedelta(days=1, hours=-part)
    session = book(
        host=candidate,
        partner=interviewer,
        # An hour apart, within the year ahead that booking allows.
        starts_at=timezone.now() + timedelta(days=100, hours=next(_SLOTS) % 4000),
        format=loop,
        loop_segment=loop.segments.get(order=part),
        host_role="candidate",
    )
    length = session.ends_at - session.starts_at
    MockSession.objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + length
    )
    round_ = session.rounds.get()
    round_.started_at = starts_at
    round_.ended_at = starts_at + length
    round_.elapsed_before = length
    round_.save()
    return Round.objects.select_related("session").get(pk=round_.pk)


def held_loop(
    *, candidate: User, interviewers: list[User], loop: Format
) -> list[Round]:
    """Every part of `loop` held, the i-th by interviewers[i]."""
    return [
        held_round(candidate=candidate, interviewer=person, loop=loop, part=part)
        for part, person in enumerate(interviewers)
    ]


def scored(
    rounds: list[Round],
    *,
    recommendations: list[str] | None = None,
    scores: list[int | dict] | None = None,
    self_assessed: bool = True,
) -> None:
    for index, round_ in enumerate(rounds):
        write_scorecard(
            round_,
            scores[index] if scores else 3,
            recommendation=recommendations[index] if recommendations else "hire",
        )
        if self_assessed:
            write_self_assessment(round_, 3)


def rated_run(round_: Round, score: int | dict = 3, **kwargs) -> InterviewerFeedback:
    ratings = (
        score
        if isinstance(score, dict)
        else dict.fromkeys(("clarity", "hints", "realism", "time"), score)
    )
    return InterviewerFeedback.objects.create(
        round=round_,
        author=round_.candidate,
        interviewer=round_.interviewer,
        ratings=ratings,
        comment=kwargs.get("comment", ""),
        submitted_at=kwargs.get("at") or timezone.now(),
    )
