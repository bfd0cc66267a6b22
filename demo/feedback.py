"""The demo's history: past swap-mode sessions between Alice and Bob with feedback
both ways, spread over the last weeks, so that Alice's progress page shows a trend
on first run. Alice improves everywhere but at testing her code (verification),
which stays her clear weakest competency.

Written straight to the models, as history: the feedback services would send
"feedback is ready" notices for sessions that ended weeks ago."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from demo.session import HOST_EMAIL, PARTNER_EMAIL
from feedback.models import (
    LevelSignal,
    Recommendation,
    Scorecard,
    ScorecardRating,
    SelfAssessment,
    SelfRating,
)
from feedback.selectors.rubrics import round_kind, rubric_current
from interviews.models import (
    Format,
    MockSession,
    Participant,
    ParticipantResponse,
    Round,
    RoundQuestion,
    SessionStatus,
)
from questions.models import Question
from rooms.services.pads import round_pads_ensure
from users.models import User

# (weeks ago, format): oldest first. The note names each, so a second run finds
# what the first wrote whatever day it is.
HISTORY = [
    (7, "phone-screen-e4-e5"),
    (6, "onsite-system-design"),
    (5, "phone-screen-e4-e5"),
    (3, "onsite-system-design"),
    (2, "phone-screen-e4-e5"),
    (1, "phone-screen-e4-e5"),
]
NOTE = "Demo history: practice session {number} of {total}."

# Bob's scores of Alice, per round of each kind, oldest first.
ALICE = {
    "coding": {
        "clarifying": [2, 3, 3, 4],
        "approach": [2, 2, 3, 3],
        "code_quality": [2, 3, 3, 3],
        "verification": [1, 1, 2, 1],
        "complexity": [2, 3, 3, 4],
        "communication": [3, 3, 4, 4],
    },
    "system_design": {
        "requirements": [2, 3],
        "architecture": [2, 3],
        "deep_dive": [1, 2],
        "scale": [2, 2],
        "tradeoffs": [2, 3],
        "communication": [3, 3],
    },
}
# Alice rates herself a little kinder than Bob does where she is weakest.
ALICE_SELF_BONUS = {"verification": 1, "deep_dive": 1, "scale": 1}
# Bob, steadier: Alice's scores of him.
BOB_SCORES = [3, 3, 2, 3, 3, 4]
FEEDBACK = {
    "alice": (
        "Clear plan before coding; explained the trade-offs of each approach.",
        "Test the code: dry-run one example and the edge cases before saying done.",
    ),
    "bob": (
        "Calm and methodical, checked the edge cases without being asked.",
        "Say the complexity of the final solution without waiting to be asked.",
    ),
}


def _scores_for(candidate: str, kind: str, index: int, rubric) -> dict[str, int]:
    if candidate == "alice":
        table = ALICE.get(kind, {})
        return {
            criterion.key: table.get(criterion.key, [3] * (index + 1))[index]
            for criterion in rubric.criteria.all()
        }
    base = BOB_SCORES[index % len(BOB_SCORES)]
    return {
        criterion.key: min(4, base + (order % 2))
        for order, criterion in enumerate(rubric.criteria.all())
    }


def _session_create(*, alice: User, bob: User, format_: Format, starts_at, note: str):
    minutes = format_.total_minutes
    session = MockSession.objects.create(
        host=alice,
        format=format_,
        swap=True,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=2 * minutes),
        status=SessionStatus.SCHEDULED,
        note=note,
    )
    accepted = {"response": ParticipantResponse.ACCEPTED, "responded_at": starts_at}
    Participant.objects.create(session=session, user=alice, is_host=True, **accepted)
    Participant.objects.create(session=session, user=bob, **accepted)
    rounds = []
    # As the live demo: Bob interviews Alice first, then they swap.
    for order, (interviewer, candidate) in enumerate([(bob, alice), (alice, bob)]):
        started_at = starts_at + timedelta(minutes=order * minutes)
        round_ = Round.objects.create(
            session=session,
            order=order,
            interviewer=interviewer,
            candidate=candidate,
            started_at=started_at,
            ended_at=started_at + timedelta(minutes=minutes),
            elapsed_before=timedelta(minutes=minutes),
        )
        round_pads_ensure(round_=round_)
        rounds.append(round_)
    return session, rounds


def _questions_ask(round_: Round, used: set[int]) -> None:
    """The bank's questions of each asking part, not asked in the demo before."""
    for segment in round_.session.format.segments.filter(questions__gt=0):
        fresh = (
            Question.objects.filter(kind=segment.kind)
            .exclude(pk__in=used)
            .order_by("slug")[: segment.questions]
        )
        for position, question in enumerate(fresh):
            used.add(question.pk)
            RoundQuestion.objects.create(
                round=round_,
                segment=segment,
                position=position,
                question=question,
                revealed_at=round_.started_at + timedelta(minutes=5 + 15 * position),
            )


def _feedback_write(round_: Round, *, candidate: str, index: int) -> None:
    rubric = rubric_current(kind=round_kind(round_))
    scores = _scores_for(candidate, rubric.kind, index, rubric)
    strengths, improvements = FEEDBACK[candidate]
    good = sum(scores.values()) / len(scores) >= 2.75
    scorecard = Scorecard.objects.create(
        round=round_,
        author=round_.interviewer,
        subject=round_.candidate,
        rubric=rubric,
        recommendation=Recommendation.HIRE if good else Recommendation.NO_HIRE,
        level_signal=LevelSignal.AT if good else LevelSignal.BELOW,
        strengths=strengths,
        improvements=improvements,
        submitted_at=round_.ended_at + timedelta(hours=2),
    )
    ScorecardRating.objects.bulk_create(
        ScorecardRating(
            scorecard=scorecard, criterion=criterion, score=scores[criterion.key]
        )
        for criterion in rubric.criteria.all()
    )
    assessment = SelfAssessment.objects.create(
        round=round_,
        author=round_.candidate,
        rubric=rubric,
        went_well="Got to a working solution and explained it.",
        went_badly="Rushed the end; did not test as much as I wanted.",
        submitted_at=round_.ended_at + timedelta(minutes=30),
    )
    bonus = ALICE_SELF_BONUS if candidate == "alice" else {}
    SelfRating.objects.bulk_create(
        SelfRating(
            self_assessment=assessment,
            criterion=criterion,
            score=min(4, scores[criterion.key] + bonus.get(criterion.key, 0)),
        )
        for criterion in rubric.criteria.all()
    )


@transaction.atomic
def demo_feedback_ensure() -> str:
    """Add whichever past demo sessions are missing; safe to run again."""
    alice = User.objects.filter(email=HOST_EMAIL).first()
    bob = User.objects.filter(email=PARTNER_EMAIL).first()
    if alice is None or bob is None:
        return "Demo feedback: skipped, the demo accounts are missing."
    total = len(HISTORY)
    notes = [NOTE.format(number=n + 1, total=total) for n in range(total)]
    existing = set(
        MockSession.objects.filter(host=alice, note__in=notes).values_list(
            "note", flat=True
        )
    )
    today = timezone.now().replace(hour=17, minute=0, second=0, microsecond=0)
    used = set(
        RoundQuestion.objects.filter(round__session__note__in=existing).values_list(
            "question_id", flat=True
        )
    )
    seen: dict[str, int] = {}
    created = 0
    for note, (weeks_ago, slug) in zip(notes, HISTORY, strict=True):
        index = seen.get(slug, 0)
        seen[slug] = index + 1
        if note in existing:
            continue
        format_ = Format.objects.get(slug=slug, owner=None)
        _, rounds = _session_create(
            alice=alice,
            bob=bob,
            format_=format_,
            starts_at=today - timedelta(weeks=weeks_ago),
            note=note,
        )
        for round_, candidate in zip(rounds, ("alice", "bob"), strict=True):
            _questions_ask(round_, used)
            _feedback_write(round_, candidate=candidate, index=index)
        created += 1
    return (
        f"Demo feedback: {total} past sessions of Alice and Bob with feedback both "
        f"ways ({created} added); Alice's progress is at "
        f"{reverse('feedback-progress')}."
    )
