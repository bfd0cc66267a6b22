"""Scheduling a mock with a friend: invite, accept, decline, propose another time,
reschedule, cancel. Each change tells the others (bell, e-mail with a calendar file)
and moves the reminders, inside the same transaction.

The status is PROPOSED until the partner accepts, then SCHEDULED; CANCELLED when
cancelled or declined. `sequence` rises on every change calendars must see.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from interviews.events import session_announce, session_changed
from interviews.models import (
    Format,
    MockSession,
    Participant,
    ParticipantResponse,
    Round,
    Segment,
    SessionStatus,
)
from interviews.permissions import has_accepted
from interviews.services.session_rules import (
    INVITATION_LIFETIME,
    attending,
    clean_call_link,
    clean_starts_at,
    clean_text,
    ensure_free,
    ensure_open,
    invitation_new,
    lock_people,
    participant_of,
    people_of,
    session_lock,
    session_minutes,
    status_refresh,
    validate_format,
)
from users.models import User

HOST_ROLES = ("candidate", "interviewer")


def _resolve_partner(
    *, host: User, partner: User | None, partner_email: str
) -> tuple[User | None, str]:
    """An address that belongs to someone with an account invites that person. The
    address is kept: until they answer, the host knows them by it alone."""
    partner_email = (partner_email or "").strip().lower()
    if partner is not None and partner_email:
        raise ApplicationError(
            "Invite a person or an e-mail address, not both.", field="partner"
        )
    if partner_email:
        try:
            validate_email(partner_email)
        except ValidationError:
            raise ApplicationError(
                f"“{partner_email}” is not an e-mail address.", field="partner"
            ) from None
        partner = User.objects.filter(email__iexact=partner_email).first()
    if partner is not None and partner.pk == host.pk:
        raise ApplicationError(
            "You cannot invite yourself: invite a friend.", field="partner"
        )
    if partner is not None and not partner.is_active and not partner_email:
        raise ApplicationError(
            f"{partner.name} cannot be invited: the account is closed.",
            field="partner",
        )
    return partner, partner_email


def _rounds_create(
    *, session: MockSession, host: User, partner: User | None, host_role: str
) -> None:
    # An invited person without an account yet fills the empty places on joining.
    first = (partner, host) if host_role == "candidate" else (host, partner)
    pairs = [first, (first[1], first[0])] if session.swap else [first]
    # The room makes each round's pads when it first opens it.
    for order, (interviewer, candidate) in enumerate(pairs):
        Round.objects.create(
            session=session, order=order, interviewer=interviewer, candidate=candidate
        )


def _session_create(
    *,
    host: User,
    format: Format,
    starts_at: datetime,
    partner: User | None,
    partner_email: str,
    swap: bool,
    note: str,
    loop_segment: Segment | None,
    host_role: str,
    partner_accepted: bool,
    call_link: str = "",
) -> tuple[MockSession, Participant | None]:
    """The session, its participants and rounds; the partner's Participant, if any."""
    validate_format(host=host, format=format, loop_segment=loop_segment)
    starts_at = clean_starts_at(starts_at)
    partner, partner_email = _resolve_partner(
        host=host, partner=partner, partner_email=partner_email
    )
    note = clean_text(note, field="note")
    call_link = clean_call_link(call_link)
    if host_role not in HOST_ROLES:
        raise ApplicationError("Be the candidate or the interviewer.", field="role")
    minutes = session_minutes(format=format, loop_segment=loop_segment, swap=swap)
    ends_at = starts_at + timedelta(minutes=minutes)
    lock_people([host, partner])
    # An invitee's other sessions are theirs to weigh when they answer: telling the
    # host would say who is behind an address, and when they are busy.
    ensure_free(
        users=[host, partner] if partner_accepted else [host],
        starts_at=starts_at,
        ends_at=ends_at,
        actor=host,
    )
    session = MockSession.objects.create(
        host=host,
        format=format,
        loop_segment=loop_segment,
        swap=swap,
        starts_at=starts_at,
        ends_at=ends_at,
        note=note,
        call_link=call_link,
        status=SessionStatus.SCHEDULED if partner_accepted else SessionStatus.PROPOSED,
    )
    now = timezone.now()
    accepted = {"response": ParticipantResponse.ACCEPTED, "responded_at": now}
    Participant.objects.create(session=session, user=host, is_host=True, **accepted)
    guest = None
    if partner is not None or partner_email:
        guest = Participant.objects.create(
            session=session,
            user=partner,
            email=partner_email,
            **(accepted if partner_accepted else {}),
        )
    if partner is None:
        invitation_new(session=session, by=host, email=partner_email)
    _rounds_create(session=session, host=host, partner=partner, host_role=host_role)
    return session, guest


@transaction.atomic
def session_schedule(
    *,
    host: User,
    format: Format,
    starts_at: datetime,
    partner: User | None = None,
    partner_email: str = "",
    swap: bool = False,
    note: str = "",
    loop_segment: Segment | None = None,
    host_role: str = "candidate",
    call_link: str = "",
) -> MockSession:
    """Invite a partner (a person, an e-mail address, or with neither a shareable
    link). `host_role` is the host's part in the first round; in swap mode the
    second round turns it round."""
    session, guest = _session_create(
        host=host,
        format=format,
        starts_at=starts_at,
        partner=partner,
        partner_email=partner_email,
        swap=swap,
        note=note,
        loop_segment=loop_segment,
        host_role=host_role,
        partner_accepted=False,
        call_link=call_link,
    )
    session_announce(
        session=session,
        event="invited",
        actor=host,
        text=f"{host.name} invited you to a mock: {format.name}, {{when}}.",
        recipients=[guest] if guest is not None else [],
    )
    return session


@transaction.atomic
def session_book(
    *,
    booker: User,
    owner: User,
    format: Format,
    starts_at: datetime,
    swap: bool = False,
) -> MockSession:
    """A session in time the owner published as free: publishing was their consent,
    so it is scheduled at once, and the owner is told it was booked, not asked."""
    session, _ = _session_create(
        host=booker,
        format=format,
        starts_at=starts_at,
        partner=owner,
        partner_email="",
        swap=swap,
        note="",
        loop_segment=None,
        host_role="candidate",
        partner_accepted=True,
    )
    session_announce(
        session=session,
        event="booked",
        actor=booker,
        text=f"{booker.name} booked a mock in your free time: {format.name}, {{when}}.",
        recipients=attending(session),
    )
    return session


def _take_proposal(
    *, session: MockSession, user: User, proposal: Participant
) -> MockSession:
    starts_at = proposal.proposed_starts_at
    if starts_at <= timezone.now():
        raise ApplicationError(
            "The proposed time has passed. Propose or reschedule to a new one."
        )
    ends_at = starts_at + session.duration
    people = people_of(session)
    lock_people(people)
    ensure_free(
        users=people, starts_at=starts_at, ends_at=ends_at, actor=user, exclude=session
    )
    session.starts_at, session.ends_at = starts_at, ends_at
    session.sequence += 1
    session.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
    session.participants.filter(user__isnull=False).exclude(
        response=ParticipantResponse.DECLINED
    ).update(
        response=ParticipantResponse.ACCEPTED,
        proposed_starts_at=None,
        responded_at=timezone.now(),
    )
    _invitations_follow(session)
    status_refresh(session)
    session_announce(
        session=session,
        event="accepted",
        actor=user,
        text=f"{user.name} accepted the time you proposed: {session.format.name}, "
        "{when}.",
        recipients=attending(session),
    )
    return session


@transaction.atomic
def session_accept(*, session: MockSession, user: User) -> MockSession:
    """Accept the invitation, or, when the other side proposed another time, that
    time."""
    session = session_lock(session)
    ensure_open(session, doing="accept")
    me = participant_of(session=session, user=user)
    proposal = (
        session.participants.exclude(pk=me.pk)
        .filter(proposed_starts_at__isnull=False)
        .order_by("-responded_at")
        .first()
    )
    if proposal is not None:
        return _take_proposal(session=session, user=user, proposal=proposal)
    if me.response == ParticipantResponse.ACCEPTED:
        raise ApplicationError("You have already accepted this session.")
    lock_people([user])
    ensure_free(
        users=[user],
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        actor=user,
        exclude=session,
    )
    me.response = ParticipantResponse.ACCEPTED
    me.proposed_starts_at = None
    me.responded_at = timezone.now()
    me.save(update_fields=["response", "proposed_starts_at", "responded_at"])
    status_refresh(session)
    session_announce(
        session=session,
        event="accepted",
        actor=user,
        text=f"{user.name} accepted your mock: {session.format.name}, {{when}}.",
        recipients=attending(session),
    )
    return session


def _cancel(session: MockSession, *, by: User, reason: str) -> None:
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason
    session.cancelled_by = by
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save(
        update_fields=[
            "status",
            "cancel_reason",
            "cancelled_by",
            "cancelled_at",
            "sequence",
            "updated_at",
        ]
    )
    session.invitations.filter(used_at__isnull=True).update(
        expires_at=session.cancelled_at
    )


@transaction.atomic
def session_decline(
    *, session: MockSession, user: User, reason: str = ""
) -> MockSession:
    """Say no to an invitation; with nobody left to meet, the session is off."""
    reason = clean_text(reason, field="reason")
    session = session_lock(session)
    ensure_open(session, doing="decline")
    me = participant_of(session=session, user=user)
    if me.is_host:
        raise ApplicationError(
            "You host this session: cancel it instead, with a reason."
        )
    if me.response == ParticipantResponse.ACCEPTED:
        raise ApplicationError(
            "You have accepted this session: cancel it instead, with a reason."
        )
    recipients = [p for p in attending(session) if p.pk != me.pk]
    me.response = ParticipantResponse.DECLINED
    me.proposed_starts_at = None
    me.responded_at = timezone.now()
    me.save(update_fields=["response", "proposed_starts_at", "responded_at"])
    _cancel(session, by=user, reason=reason or f"{user.name} declined.")
    suffix = f" Reason: {reason}" if reason else ""
    session_announce(
        session=session,
        event="declined",
        actor=user,
        text=f"{user.name} declined your mock on {{when}}.{suffix}",
        recipients=recipients,
    )
    return session


@transaction.atomic
def session_propose_time(
    *, session: MockSession, user: User, starts_at: datetime
) -> MockSession:
    """Suggest another start; the session keeps its time until the other side
    accepts the proposal."""
    session = session_lock(session)
    ensure_open(session, doing="propose a new time for")
    me = participant_of(session=session, user=user)
    if me.is_host and session.status == SessionStatus.PROPOSED:
        raise ApplicationError(
            "Your partner has not answered yet: reschedule the session instead."
        )
    starts_at = clean_starts_at(starts_at)
    if starts_at == session.starts_at:
        raise ApplicationError("That is already the session's time.", field="starts_at")
    people = people_of(session)
    lock_people(people)
    ensure_free(
        users=people,
        starts_at=starts_at,
        ends_at=starts_at + session.duration,
        actor=user,
        exclude=session,
    )
    # A new proposal replaces any earlier one from the other side.
    session.participants.exclude(pk=me.pk).update(proposed_starts_at=None)
    me.proposed_starts_at = starts_at
    if me.response == ParticipantResponse.PENDING:
        me.response = ParticipantResponse.PROPOSED
    me.responded_at = timezone.now()
    me.save(update_fields=["response", "proposed_starts_at", "responded_at"])
    session_announce(
        session=session,
        event="proposed",
        actor=user,
        text=f"{user.name} proposes another time for {session.format.name}: {{when}}.",
        recipients=[p for p in attending(session) if p.pk != me.pk],
        moment=starts_at,
    )
    return session


def _invitations_follow(session: MockSession) -> None:
    """Unused invitations stay valid until the (new) start, at most a week."""
    expires_at = min(timezone.now() + INVITATION_LIFETIME, session.starts_at)
    session.invitations.filter(used_at__isnull=True).update(expires_at=expires_at)


@transaction.atomic
def session_reschedule(
    *, session: MockSession, by: User, starts_at: datetime, reason: str = ""
) -> MockSession:
    reason = clean_text(reason, field="reason")
    session = session_lock(session)
    ensure_open(session, doing="reschedule")
    me = participant_of(session=session, user=by)
    if not me.is_host and me.response != ParticipantResponse.ACCEPTED:
        raise ApplicationError(
            "Accept the invitation first, or propose another time instead."
        )
    starts_at = clean_starts_at(starts_at)
    if starts_at == session.starts_at:
        raise ApplicationError(
            "The session is already at that time.", field="starts_at"
        )
    ends_at = starts_at + session.duration
    people = people_of(session)
    lock_people(people)
    ensure_free(
        users=people, starts_at=starts_at, ends_at=ends_at, actor=by, exclude=session
    )
    session.starts_at, session.ends_at = starts_at, ends_at
    session.sequence += 1
    session.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
    # Proposals were answers to the old time; whoever had not agreed still has to.
    session.participants.update(proposed_starts_at=None)
    session.participants.filter(response=ParticipantResponse.PROPOSED).update(
        response=ParticipantResponse.PENDING
    )
    _invitations_follow(session)
    suffix = f" Reason: {reason}" if reason else ""
    session_announce(
        session=session,
        event="rescheduled",
        actor=by,
        text=f"{by.name} moved {session.format.name} to {{when}}.{suffix}",
        recipients=attending(session),
        reason=reason,
    )
    return session


@transaction.atomic
def session_cancel(*, session: MockSession, by: User, reason: str) -> MockSession:
    reason = clean_text(reason, field="reason")
    if not reason:
        raise ApplicationError(
            "Say why you cancel, so your partner knows.", field="reason"
        )
    session = session_lock(session)
    if session.status == SessionStatus.CANCELLED:
        raise ApplicationError("This session is already cancelled.")
    ensure_open(session, doing="cancel")
    participant_of(session=session, user=by)
    recipients = attending(session)
    _cancel(session, by=by, reason=reason)
    session_announce(
        session=session,
        event="cancelled",
        actor=by,
        text=f"{by.name} cancelled {session.format.name} on {{when}}. Reason: {reason}",
        recipients=recipients,
    )
    return session


@transaction.atomic
def session_call_link_set(*, session: MockSession, by: User, link: str) -> MockSession:
    """Any http(s) address: Jitsi, Meet, Zoom. Empty removes it."""
    link = clean_call_link(link)
    session = MockSession.objects.select_for_update().get(pk=session.pk)
    if not has_accepted(by, session):
        raise ApplicationError("You are not part of this session.")
    if session.status == SessionStatus.CANCELLED:
        raise ApplicationError("This session was cancelled.")
    if session.call_link != link:
        session.call_link = link
        session.sequence += 1
        session.save(update_fields=["call_link", "sequence", "updated_at"])
        session_changed(session_id=session.pk, what="call_link")
    return session
