"""The feedback page's lists: what I still have to write, what I received, what I
gave, each row a round with where it stands."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from feedback.models import Scorecard, SelfAssessment
from feedback.permissions import round_feedback_open
from feedback.selectors.rubrics import round_kind
from interviews.models import Round, SegmentKind, SessionStatus
from users.models import User

RECENT_ROUNDS = 200


@dataclass
class RoundRow:
    round: Round
    kind_label: str
    partner: str
    role: str
    state: str
    to_write: bool


def _state(round_: Round, role: str) -> tuple[str, bool]:
    """Where the round's feedback stands, in the words of this person."""
    if role == "interviewer":
        if round_.my_scorecard_in and round_.my_draft:
            # "Correct it" opened a new version: it waits until submitted.
            return "Your correction is a draft: finish and submit it.", True
        if round_.my_scorecard_in:
            if round_.their_self_skipped:
                return (
                    "You sent your scorecard; they skipped the self-assessment.",
                    False,
                )
            if round_.their_self_in:
                return "You sent your scorecard; their self-assessment is in.", False
            return "You sent your scorecard.", False
        if round_.my_draft:
            return "Your scorecard is a draft: finish and submit it.", True
        return "Write your scorecard.", True
    if round_.their_scorecard_in:
        if round_.my_self_in:
            return "Feedback received: read it.", False
        return (
            "Feedback is ready: write your self-assessment (or skip it) to read it.",
            True,
        )
    if round_.my_self_skipped:
        return "You skipped the self-assessment; waiting for the scorecard.", False
    if round_.my_self_in:
        return "Self-assessment in; waiting for the interviewer's scorecard.", False
    return "Write your self-assessment before the feedback arrives.", True


def _kind(round_: Round, kinds: dict[tuple, str]) -> str:
    plan = (round_.session.format_id, round_.session.loop_segment_id)
    if plan not in kinds:
        kinds[plan] = round_kind(round_)
    return kinds[plan]


def _with_feedback_flags(rounds):
    """Each round with whether its scorecard is in or a draft, and whether its
    self-assessment is answered (submitted or skipped) or skipped."""
    submitted = Scorecard.objects.filter(
        round=OuterRef("pk"), submitted_at__isnull=False
    )
    drafts = Scorecard.objects.filter(round=OuterRef("pk"), submitted_at__isnull=True)
    answered = SelfAssessment.objects.filter(
        round=OuterRef("pk"), submitted_at__isnull=False
    )
    return rounds.annotate(
        scorecard_in=Exists(submitted),
        draft_open=Exists(drafts),
        self_in=Exists(answered),
        self_skipped=Exists(answered.filter(skipped=True)),
    )


def feedback_rows_for(*, user: User, session_id: int | None = None) -> list[RoundRow]:
    """Each finished round of mine (of one session, if given), newest first, with
    where its feedback stands."""
    now = timezone.now()
    rounds = (
        _with_feedback_flags(
            Round.objects.filter(Q(interviewer=user) | Q(candidate=user))
        )
        .filter(session__status=SessionStatus.SCHEDULED, started_at__isnull=False)
        # A solo round logs an attempt instead (practice).
        .filter(session__is_solo=False)
        .filter(Q(ended_at__isnull=False) | Q(session__ends_at__lte=now))
        .select_related(
            "session__format", "session__loop_segment", "interviewer", "candidate"
        )
        .order_by("-session__starts_at", "order")
    )
    if session_id is not None:
        rounds = rounds.filter(session_id=session_id)
    rows = []
    kinds: dict[tuple, str] = {}  # one read of a format's parts per format
    for round_ in rounds[:RECENT_ROUNDS]:
        if not round_feedback_open(round_, now):
            continue
        interviewer = round_.interviewer_id == user.pk
        role = "interviewer" if interviewer else "candidate"
        round_.my_scorecard_in = interviewer and round_.scorecard_in
        round_.my_draft = interviewer and round_.draft_open
        round_.their_self_in = interviewer and round_.self_in
        round_.their_self_skipped = interviewer and round_.self_skipped
        round_.their_scorecard_in = not interviewer and round_.scorecard_in
        round_.my_self_in = not interviewer and round_.self_in
        round_.my_self_skipped = not interviewer and round_.self_skipped
        state, pending = _state(round_, role)
        partner = round_.candidate if interviewer else round_.interviewer
        rows.append(
            RoundRow(
                round=round_,
                kind_label=SegmentKind(_kind(round_, kinds)).label,
                partner=partner.name if partner else "—",
                role=role,
                state=state,
                to_write=pending,
            )
        )
    return rows


def feedback_overview_for(*, user: User) -> dict:
    to_write, received, given = [], [], []
    for row in feedback_rows_for(user=user):
        if row.to_write:
            to_write.append(row)
        elif row.role == "interviewer":
            given.append(row)
        else:
            received.append(row)
    return {"to_write": to_write, "received": received, "given": given}


def home_feedback_for(*, user: User) -> dict:
    """For the home page: what I owe, and the last feedback I received (once I may
    read it), with its recommendation."""
    rows = feedback_rows_for(user=user)
    received = next(
        (
            row
            for row in rows
            if row.role == "candidate"
            and not row.to_write
            and row.round.their_scorecard_in
        ),
        None,
    )
    last = None
    if received is not None:
        scorecard = (
            Scorecard.objects.filter(round=received.round, submitted_at__isnull=False)
            .order_by("-version")
            .first()
        )
        last = {"row": received, "scorecard": scorecard}
    return {"to_write": [row for row in rows if row.to_write][:3], "last": last}


def room_feedback_state(round_: Round, user: User) -> dict | None:
    """What the room's link to a finished round's feedback says to one of its two
    people: what they have still to write, or what they may read now. It tells only
    whether the other's part is in, never what it says (feedback.permissions)."""
    interviewer = round_.interviewer_id == user.pk
    if not interviewer and round_.candidate_id != user.pk:
        return None
    if round_.session.is_solo:
        return None
    if interviewer and round_.candidate_id is None:
        return None  # nobody to write a scorecard on
    flags = (
        _with_feedback_flags(Round.objects.filter(pk=round_.pk))
        .values("scorecard_in", "draft_open", "self_in", "self_skipped")
        .first()
    )
    if flags is None:
        return None
    state, text = (
        _room_interviewer_state(**flags)
        if interviewer
        else _room_candidate_state(**flags)
    )
    return {"state": state, "text": text}


def _room_interviewer_state(
    *, scorecard_in: bool, draft_open: bool, self_in: bool, self_skipped: bool
) -> tuple[str, str]:
    if scorecard_in and draft_open:
        return "draft", "Your correction is a draft: finish and submit it"
    if scorecard_in and self_skipped:
        return "sent", "Scorecard sent; they skipped the self-assessment"
    if scorecard_in and self_in:
        return "sent", "Scorecard sent: read their self-assessment"
    if scorecard_in:
        return "sent", "Scorecard sent: their self-assessment shows once they write it"
    if draft_open:
        return "draft", "Your scorecard is a draft: finish and submit it"
    return "to_write", "Write your scorecard while it is fresh"


def _room_candidate_state(
    *, scorecard_in: bool, draft_open: bool, self_in: bool, self_skipped: bool
) -> tuple[str, str]:
    if self_in and scorecard_in:
        return "ready", "Read the feedback"
    if self_skipped:
        return (
            "waiting",
            "Self-assessment skipped: read the interviewer's scorecard once it is "
            "written",
        )
    if self_in:
        return (
            "waiting",
            "Your self-assessment is in: read the interviewer's scorecard once it "
            "is written",
        )
    if scorecard_in:
        return (
            "to_write",
            "The feedback is in: write your self-assessment (or skip it) to read it",
        )
    return "to_write", "Write your self-assessment before reading the feedback"
