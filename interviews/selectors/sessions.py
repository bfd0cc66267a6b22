"""Reading sessions as one participant sees them: the lists on the Sessions page, one
session's plan of rounds, the room's clock, and each round's questions, of which a
candidate sees only the revealed ones."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from interviews.models import (
    Invitation,
    MockSession,
    Participant,
    ParticipantResponse,
    Round,
    Segment,
    SessionState,
    SessionStatus,
)
from interviews.permissions import (
    can_share_invitation_link,
    is_participant,
    knows_availability_of,
)
from interviews.services.calendars import participant_name, participant_shown_name
from interviews.services.session_rules import (
    ROOM_OPENS_BEFORE,
    invitation_problem,
    plan_segments,
)
from users.models import User

PAST_SHOWN = 50


def _with_everything(sessions: QuerySet) -> QuerySet:
    return sessions.select_related(
        "format", "loop_segment", "host", "cancelled_by"
    ).prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("user")),
        Prefetch(
            "rounds",
            queryset=Round.objects.select_related("interviewer", "candidate"),
        ),
        Prefetch("format__segments", queryset=Segment.objects.order_by("order")),
    )


def session_get_for_user(*, user: User, session_id: int) -> MockSession:
    """One session for one of its participants; strangers get a 404, as if it did
    not exist."""
    session = _with_everything(MockSession.objects.filter(pk=session_id)).first()
    if session is None or not is_participant(user, session):
        raise Http404("No such session.")
    return session


def _mine(user: User, *responses: str) -> QuerySet:
    return MockSession.objects.filter(
        is_solo=False,
        pk__in=Participant.objects.filter(user=user, response__in=responses).values(
            "session_id"
        ),
    )


def _proposed_to(user: User) -> Q:
    """Sessions in which someone else proposed a time that waits for my answer."""
    return Q(
        pk__in=Participant.objects.filter(proposed_starts_at__isnull=False)
        .exclude(user=user)
        .values("session_id")
    ) & ~Q(
        pk__in=Participant.objects.filter(
            user=user, proposed_starts_at__isnull=False
        ).values("session_id")
    )


def _held() -> Q:
    """Every round ended: held, even before its booked end."""
    rounds = Round.objects.filter(session=OuterRef("pk"))
    return Q(Exists(rounds)) & ~Q(Exists(rounds.filter(ended_at__isnull=True)))


def _still_on() -> Q:
    return ~Q(status=SessionStatus.CANCELLED) & Q(ends_at__gt=timezone.now()) & ~_held()


def sessions_waiting(*, user: User) -> QuerySet:
    """Invitations and proposed times waiting for my answer."""
    pending = Q(
        pk__in=Participant.objects.filter(
            user=user, response=ParticipantResponse.PENDING
        ).values("session_id")
    )
    return _with_everything(
        MockSession.objects.filter(
            _still_on(), pending | _proposed_to(user), is_solo=False
        )
    ).order_by("starts_at")


def sessions_upcoming(*, user: User) -> QuerySet:
    """Sessions I agreed to (or host) that have not ended, minus those waiting for
    my answer."""
    mine = _mine(user, ParticipantResponse.ACCEPTED, ParticipantResponse.PROPOSED)
    waiting = sessions_waiting(user=user).values("pk")
    return _with_everything(mine.filter(_still_on()).exclude(pk__in=waiting)).order_by(
        "starts_at"
    )


def sessions_past(*, user: User) -> QuerySet:
    """Sessions that ended or were called off, newest first."""
    # Solo practice is listed with practice, not with mocks.
    mine = MockSession.objects.filter(participants__user=user, is_solo=False)
    return _with_everything(
        mine.filter(
            Q(status=SessionStatus.CANCELLED) | Q(ends_at__lte=timezone.now()) | _held()
        )
    ).order_by("-starts_at")[:PAST_SHOWN]


# One session -------------------------------------------------------------------------
@dataclass(frozen=True)
class SegmentPlan:
    segment: Segment
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class RoundPlan:
    round: Round
    starts_at: datetime
    ends_at: datetime
    segments: list[SegmentPlan]

    @property
    def number(self) -> int:
        return self.round.order + 1


def session_plan(*, session: MockSession) -> list[RoundPlan]:
    """Each round with its segments' start and end times, one after the other."""
    segments = plan_segments(format=session.format, loop_segment=session.loop_segment)
    plans, start = [], session.starts_at
    for round_ in sorted(session.rounds.all(), key=lambda each: each.order):
        parts, at = [], start
        for segment in segments:
            end = at + timedelta(minutes=segment.minutes)
            parts.append(SegmentPlan(segment=segment, starts_at=at, ends_at=end))
            at = end
        plans.append(
            RoundPlan(round=round_, starts_at=start, ends_at=at, segments=parts)
        )
        start = at
    return plans


def role_in(round_: Round, user: User) -> str:
    if round_.interviewer_id == user.pk:
        return "interviewer"
    if round_.candidate_id == user.pk:
        return "candidate"
    return ""


def partner_of(session: MockSession, user: User) -> Participant | None:
    return next((p for p in session.participants.all() if p.user_id != user.pk), None)


def participant_for(session: MockSession, user: User) -> Participant | None:
    return next((p for p in session.participants.all() if p.user_id == user.pk), None)


def proposal_for(session: MockSession, user: User) -> Participant | None:
    """Another participant's proposed time, waiting for my answer."""
    return next(
        (
            p
            for p in session.participants.all()
            if p.user_id != user.pk and p.proposed_starts_at is not None
        ),
        None,
    )


def room_opens_at(session: MockSession) -> datetime:
    return session.starts_at - ROOM_OPENS_BEFORE


def room_is_open(session: MockSession, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        session.status == SessionStatus.SCHEDULED
        and room_opens_at(session) <= now < session.ends_at
    )


def invitation_link_for(*, user: User, session: MockSession) -> Invitation | None:
    """The shareable link, for the one person who may hand it out, while nobody has
    used it."""
    if not can_share_invitation_link(user, session):
        return None
    return (
        session.invitations.filter(
            email="", used_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


# The Sessions page -------------------------------------------------------------------
@dataclass(frozen=True)
class RoleLine:
    number: int
    role: str  # "interviewer", "candidate" or ""
    other: str


@dataclass(frozen=True)
class SessionCard:
    session: MockSession
    me: Participant | None
    partner: Participant | None
    partner_name: str
    roles: list[RoleLine]
    proposal: Participant | None
    opens_at: datetime
    can_join: bool
    in_future: bool
    is_live: bool
    state: SessionState

    @property
    def minutes(self) -> int:
        return int(self.session.duration.total_seconds() // 60)

    @property
    def is_open(self) -> bool:
        """Still changeable: not cancelled, not begun (not even early)."""
        return self.in_future and self.state in (
            SessionState.PROPOSED,
            SessionState.SCHEDULED,
        )

    @property
    def is_over(self) -> bool:
        """Held or missed: what is left is its feedback and replay."""
        return self.state in (SessionState.HELD, SessionState.MISSED)

    @property
    def needs_answer(self) -> bool:
        """An invitation or a proposed time waits for my answer."""
        if not self.is_open or self.me is None:
            return False
        return self.proposal is not None or self.me.response in (
            ParticipantResponse.PENDING,
            ParticipantResponse.PROPOSED,
        )

    @property
    def status_label(self) -> str:
        """What became of the session, as this reader would say it."""
        session, me, partner = self.session, self.me, self.partner
        if session.status == SessionStatus.CANCELLED:
            decliner = next(
                (
                    p
                    for p in session.participants.all()
                    if p.response == ParticipantResponse.DECLINED
                ),
                None,
            )
            if decliner is not None and me is not None and decliner.pk == me.pk:
                return "You declined"
            if decliner is not None:
                return f"{_partner_name(decliner)} declined"
            if me is not None and session.cancelled_by_id == me.user_id:
                return "You cancelled"
            return "Cancelled"
        confirmed = session.status == SessionStatus.SCHEDULED
        if not self.in_future and not confirmed:
            return "Never confirmed"
        if confirmed:
            return self.state.label
        if self.needs_answer:
            return "Waiting for your answer"
        if partner is None:
            return "Waiting for your friend to open the link"
        if partner.proposed_starts_at is not None:
            return f"{self.partner_name} proposed another time"
        return f"Waiting for {self.partner_name}'s answer"

    @property
    def status_key(self) -> str:
        """A CSS modifier for the status: live, scheduled, waiting, over or off."""
        if self.session.status == SessionStatus.CANCELLED:
            return "cancelled"
        if self.state == SessionState.IN_PROGRESS:
            return "live"
        if self.is_over or not self.in_future:
            return "over"
        return str(self.session.status)

    @property
    def may_reschedule(self) -> bool:
        return (
            self.is_open
            and self.me is not None
            and (self.me.is_host or self.me.response == ParticipantResponse.ACCEPTED)
        )


def _partner_name(partner: Participant | None) -> str:
    if partner is None:
        return "a friend invited by link"
    return participant_shown_name(partner)


def session_card(*, session: MockSession, user: User) -> SessionCard:
    """A session as one entry of the Sessions page: partner, my role per round, the
    proposal waiting for me, and whether the room is open."""
    now = timezone.now()
    state = session.state_at(now)
    partner = partner_of(session, user)
    partner_name = _partner_name(partner)
    if (
        partner is not None
        and partner.user_id
        and partner.response == ParticipantResponse.PENDING
        and knows_availability_of(user, partner.user)
    ):
        # Someone I already held a mock with: an invitation tells me nothing new
        # by naming them.
        partner_name = participant_name(partner)
    # Two people to a session: whoever I interview, or who interviews me, is my
    # partner, named as I may know them.
    roles = [
        RoleLine(round_.order + 1, role_in(round_, user), partner_name)
        for round_ in sorted(session.rounds.all(), key=lambda each: each.order)
    ]
    return SessionCard(
        session=session,
        me=participant_for(session, user),
        partner=partner,
        partner_name=partner_name,
        roles=roles,
        proposal=proposal_for(session, user),
        opens_at=room_opens_at(session),
        can_join=room_is_open(session, now=now)
        and state == SessionState.SCHEDULED
        or state == SessionState.IN_PROGRESS,
        in_future=session.starts_at > now,
        is_live=state == SessionState.IN_PROGRESS,
        state=state,
    )


def session_cards(*, sessions, user: User) -> list[SessionCard]:
    return [session_card(session=session, user=user) for session in sessions]


def invitation_for_token(
    *, token: str, user: User
) -> tuple[Invitation | None, str | None]:
    """The invitation behind a link, and why this person cannot accept it, if so."""
    invitation = (
        Invitation.objects.select_related("session__format", "session__host")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        return (
            None,
            "This invitation link is not valid. Check that you copied all of it.",
        )
    return invitation, invitation_problem(invitation, user=user)
