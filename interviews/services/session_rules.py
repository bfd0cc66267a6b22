"""Rules shared by the session, invitation and round services: times, plans and
overlap. What a change tells people is interviews.events.

Nothing here opens a transaction: callers are services that already hold one.
"""

import secrets
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.errors import ApplicationError
from core.validators import is_web_url
from interviews.models import (
    Format,
    Invitation,
    MockSession,
    Participant,
    ParticipantResponse,
    Segment,
    SessionStatus,
)
from users.models import User

# How far ahead a session may be booked, and how long a shared link stays valid.
MAX_DAYS_AHEAD = 366
INVITATION_LIFETIME = timedelta(days=7)
# The room opens this long before the start, so both can check sound and screen.
ROOM_OPENS_BEFORE = timedelta(minutes=10)


def local_datetime(*, day: date, at: time, time_zone: str) -> datetime:
    """A wall-clock time in a person's zone as an aware datetime. A time that the
    clocks skip (spring forward) is refused; one they repeat (fall back) is the
    first of the two."""
    zone = zoneinfo.ZoneInfo(time_zone)
    moment = datetime.combine(day, at).replace(tzinfo=zone, fold=0)
    ensure_within_reach(moment)
    back = moment.astimezone(zoneinfo.ZoneInfo("UTC")).astimezone(zone)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise ApplicationError(
            f"{at:%H:%M} on {day:%d %b %Y} does not exist in {time_zone}: the clocks "
            "skip it. Pick another time.",
            field="time",
        )
    return moment


def when_for(user: User | None, moment: datetime) -> str:
    """A time as the given person reads it, with their zone's abbreviation."""
    zone_name = user.time_zone if user is not None else "UTC"
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return moment.astimezone(zone).strftime("%a %d %b %Y, %H:%M %Z")


def ensure_within_reach(moment: datetime, *, field: str = "starts_at") -> None:
    """Refuse a time past the next year before any arithmetic: near the end of the
    calendar (9999-12-31) adding a session's length, or moving to UTC, overflows."""
    try:
        utc = moment.astimezone(UTC) if timezone.is_aware(moment) else moment
        too_far = utc.replace(tzinfo=UTC) > timezone.now() + timedelta(
            days=MAX_DAYS_AHEAD
        )
    except OverflowError:
        too_far = True
    if too_far:
        raise ApplicationError("Pick a time within the next year.", field=field)


def clean_starts_at(starts_at: datetime) -> datetime:
    if timezone.is_naive(starts_at):
        raise ApplicationError(
            "Give the start time with its time zone or UTC offset.", field="starts_at"
        )
    ensure_within_reach(starts_at)
    # Sessions start on whole minutes; checking after rounding keeps "in the past"
    # true to what is stored.
    starts_at = starts_at.replace(second=0, microsecond=0)
    now = timezone.now()
    if starts_at <= now:
        raise ApplicationError(
            "That time is in the past. Pick a time in the future.", field="starts_at"
        )
    return starts_at


def plan_segments(*, format: Format, loop_segment: Segment | None) -> list[Segment]:
    """What one round goes through: the loop's chosen round, or every segment."""
    if loop_segment is not None:
        return [loop_segment]
    return list(format.segments.order_by("order"))


def session_minutes(*, format: Format, loop_segment: Segment | None, swap: bool) -> int:
    minutes = sum(
        s.minutes for s in plan_segments(format=format, loop_segment=loop_segment)
    )
    return minutes * (2 if swap else 1)


def validate_format(
    *, host: User, format: Format, loop_segment: Segment | None
) -> None:
    if format is None or format.owner_id not in (None, host.pk):
        raise ApplicationError(
            "Unknown format: choose one of the built-in formats or your own.",
            field="format",
        )
    if format.is_loop and loop_segment is None:
        raise ApplicationError(
            f"“{format.name}” is a loop: pick which of its rounds this session holds.",
            field="loop_segment",
        )
    if not format.is_loop and loop_segment is not None:
        raise ApplicationError(
            f"“{format.name}” is not a loop; it has no rounds to pick from.",
            field="loop_segment",
        )
    if loop_segment is not None and loop_segment.format_id != format.pk:
        raise ApplicationError(
            "That round is not part of this loop.", field="loop_segment"
        )
    if not format.segments.exists():
        raise ApplicationError(
            f"“{format.name}” has no segments yet; add some first.", field="format"
        )


def lock_people(users: list[User]) -> None:
    """Lock the people's rows in a fixed order: two bookings for the same person
    wait for each other instead of both passing the overlap check."""
    ids = sorted({user.pk for user in users if user is not None})
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def busy_sessions(
    *, user: User, starts_at: datetime, ends_at: datetime, exclude: MockSession | None
):
    # Only what the person agreed to: an invitation they have not answered takes
    # none of their time, or two overlapping ones could never be accepted.
    taking_part = Participant.objects.filter(
        user=user, response=ParticipantResponse.ACCEPTED
    ).values("session_id")
    sessions = MockSession.objects.filter(
        ~Q(status=SessionStatus.CANCELLED),
        is_demo=False,
        # Practising alone gives way to any mock a friend books.
        is_solo=False,
        pk__in=taking_part,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if exclude is not None:
        sessions = sessions.exclude(pk=exclude.pk)
    return sessions


def ensure_free(
    *,
    users: list[User],
    starts_at: datetime,
    ends_at: datetime,
    actor: User,
    exclude: MockSession | None = None,
) -> None:
    """Nobody may be in two sessions at once. The actor learns which of their own
    sessions is in the way; of anyone else's, only that there is one."""
    for user in users:
        if user is None:
            continue
        clash = (
            busy_sessions(
                user=user, starts_at=starts_at, ends_at=ends_at, exclude=exclude
            )
            .select_related("format")
            .first()
        )
        if clash is None:
            continue
        if user.pk == actor.pk:
            raise ApplicationError(
                f"You already have a session at that time: {clash.format.name}, "
                f"{when_for(actor, clash.starts_at)}.",
                field="starts_at",
            )
        raise ApplicationError(
            f"{user.name} already has a session at that time. Pick another time.",
            field="starts_at",
        )


def people_of(session: MockSession) -> list[User]:
    """Who must be free for a new time: everyone who has answered yes or with a
    time of their own. Someone yet to answer is checked when they do."""
    return [
        participant.user
        for participant in session.participants.select_related("user")
        if participant.user is not None
        and participant.response
        in (ParticipantResponse.ACCEPTED, ParticipantResponse.PROPOSED)
    ]


def invitation_new(*, session: MockSession, by: User, email: str = "") -> Invitation:
    expires_at = min(timezone.now() + INVITATION_LIFETIME, session.starts_at)
    return Invitation.objects.create(
        session=session,
        token=secrets.token_urlsafe(32),
        email=email,
        created_by=by,
        expires_at=expires_at,
    )


def session_url(session: MockSession) -> str:
    return reverse("session-detail", args=[session.pk])


def participant_of(*, session: MockSession, user: User) -> Participant:
    participant = session.participants.filter(user=user).first()
    if participant is None:
        raise ApplicationError("You are not part of this session.")
    return participant


def ensure_open(session: MockSession, *, doing: str) -> None:
    """Changes stop once a session is cancelled or has begun."""
    if session.status == SessionStatus.CANCELLED:
        raise ApplicationError(
            f"This session was cancelled, so you cannot {doing} it. "
            "Schedule a new one instead."
        )
    if session.starts_at <= timezone.now():
        raise ApplicationError(
            f"This session has already begun; you cannot {doing} it."
        )


def attending(session: MockSession) -> list[Participant]:
    """Everyone still coming, with or without an account: the calendar recipients."""
    return list(
        session.participants.select_related("user").exclude(
            response=ParticipantResponse.DECLINED
        )
    )


def status_refresh(session: MockSession) -> None:
    """Scheduled once everyone invited has an account and accepted."""
    participants = list(session.participants.all())
    agreed = len(participants) >= 2 and all(
        p.user_id is not None and p.response == ParticipantResponse.ACCEPTED
        for p in participants
    )
    status = SessionStatus.SCHEDULED if agreed else SessionStatus.PROPOSED
    if session.status != status:
        session.status = status
        session.save(update_fields=["status", "updated_at"])


def session_lock(session: MockSession) -> MockSession:
    """Serialise changes to one session and read its latest state into `session`."""
    MockSession.objects.select_for_update().filter(pk=session.pk).first()
    session.refresh_from_db()
    return session


def clean_text(text: str, *, field: str, limit: int = 2000) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise ApplicationError(f"Keep it under {limit} characters.", field=field)
    return text


def clean_call_link(link: str) -> str:
    """Any web address where the two talk (Jitsi, Meet, Zoom), or nothing."""
    link = (link or "").strip()
    if link and (len(link) > 500 or not is_web_url(link)):
        raise ApplicationError(
            "Give the call's web address, starting with https://.", field="call_link"
        )
    return link


def invitation_problem(invitation: Invitation, *, user: User) -> str | None:
    """Why this person cannot use this invitation now, or None."""
    session = invitation.session
    host = session.host.name
    if invitation.used_at is not None:
        if invitation.used_by_id == user.pk:
            return "You have already accepted this invitation."
        return f"This invitation link has already been used. Ask {host} for a new one."
    if session.status == SessionStatus.CANCELLED:
        return f"{host} cancelled this session."
    now = timezone.now()
    if invitation.expires_at <= now or session.starts_at <= now:
        return f"This invitation link has expired. Ask {host} for a new one."
    if session.host_id == user.pk:
        return "This is your own session: share the link with a friend."
    if session.participants.filter(user=user).exists():
        return "You are already in this session."
    return None


def round_kind(round_) -> str:
    """The kind a round is about: its first part that asks questions (the pad's
    outline and the feedback's rubric follow it)."""
    session = round_.session
    segments = plan_segments(format=session.format, loop_segment=session.loop_segment)
    asking = [s for s in segments if s.questions > 0]
    return (asking or segments)[0].kind if segments else ""
