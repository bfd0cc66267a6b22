"""Calendar files: one event per session with a stable UID and a SEQUENCE that rises
on every change (RFC 5545, RFC 5546), and each person's private, revocable feed."""

import secrets
from datetime import UTC, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import PARTSTAT, STATUS, Calendar, Event, vCalAddress

from interviews.models import (
    CalendarFeed,
    Invitation,
    MockSession,
    Participant,
    ParticipantResponse,
    SessionState,
    SessionStatus,
)
from users.models import User

PRODID = "-//Mockloop//Mock interview sessions//EN"
METHODS = {"REQUEST", "CANCEL", "PUBLISH"}
# Calendar apps poll a feed; an hour keeps changes timely without hammering us.
FEED_REFRESH = timedelta(hours=1)

_PARTSTAT = {
    ParticipantResponse.ACCEPTED: PARTSTAT.ACCEPTED,
    ParticipantResponse.DECLINED: PARTSTAT.DECLINED,
}


def session_title(session: MockSession) -> str:
    title = session.format.name
    if session.loop_segment_id:
        title = f"{title}: {session.loop_segment.get_kind_display()}"
    if session.swap:
        title = f"{title} (swap)"
    return title


def session_link(session: MockSession) -> str:
    """The session page, where the room opens shortly before the start."""
    return settings.SITE_URL + reverse("session-detail", args=[session.pk])


def room_link(session: MockSession) -> str:
    return settings.SITE_URL + reverse("session-room", args=[session.pk])


def invitation_link(invitation: Invitation) -> str:
    return f"{settings.SITE_URL}/sessions/invitations/{invitation.token}/"


def participant_link(participant: Participant) -> str:
    """Someone invited by e-mail has no account yet: their way in is the invitation."""
    if participant.user_id is None and participant.email:
        invitation = (
            Invitation.objects.filter(
                session_id=participant.session_id,
                email__iexact=participant.email,
                used_at__isnull=True,
            )
            .order_by("-created_at")
            .first()
        )
        if invitation is not None:
            return invitation_link(invitation)
    return session_link(participant.session)


def participant_address(participant: Participant) -> str:
    return participant.user.email if participant.user_id else participant.email


def participant_name(participant: Participant) -> str:
    return participant.user.name if participant.user_id else participant.email


def participant_shown_name(participant: Participant) -> str:
    """How the others know a participant: by the address they were invited at until
    they answer, so an invitation never tells who has an account behind it."""
    if participant.email and participant.response == ParticipantResponse.PENDING:
        return participant.email
    return participant_name(participant)


def _session_event(session: MockSession, participants: list[Participant]) -> Event:
    link, room = session_link(session), room_link(session)
    names = " & ".join(participant_shown_name(p) for p in participants)
    description = (
        f"Mock interview on Mockloop with {names}.\nSession page: {link}\n"
        f"Room (opens 10 minutes before the start): {room}"
    )
    if session.call_link:
        description += f"\nCall: {session.call_link}"
    if session.note:
        description += f"\n\n{session.note}"
    attendees = [
        vCalAddress.new(
            participant_address(p),
            cn=participant_shown_name(p),
            role="REQ-PARTICIPANT",
            partstat=_PARTSTAT.get(p.response, PARTSTAT.NEEDS_ACTION),
        )
        for p in participants
        if participant_address(p)
    ]
    state = session.state_at(timezone.now())
    if state in (SessionState.IN_PROGRESS, SessionState.HELD, SessionState.MISSED):
        # Calendars have no word for it; the description says it first.
        description = f"{state.label}.\n{description}"
    if session.status == SessionStatus.CANCELLED:
        status = STATUS.CANCELLED
    elif session.status == SessionStatus.SCHEDULED:
        status = STATUS.CONFIRMED
    else:
        status = STATUS.TENTATIVE
    event = Event.new(
        uid=f"{session.uid}@mockloop",
        sequence=session.sequence,
        start=session.starts_at.astimezone(UTC),
        end=session.ends_at.astimezone(UTC),
        summary=f"Mock interview: {session_title(session)}",
        description=description,
        location=room,
        url=link,
        organizer=vCalAddress.new(session.host.email, cn=session.host.name),
        attendees=attendees,
        status=status,
        last_modified=session.updated_at.astimezone(UTC),
    )
    if session.call_link:
        # RFC 7986: calendar apps show a "join" button for it, beside the room.
        event.add(
            "conference",
            session.call_link,
            parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Call"},
        )
    return event


def participants_of(session: MockSession) -> list[Participant]:
    """Host first. Code that reads many sessions, or one several times, sets
    `participant_list` once (a Prefetch to_attr) to spare the queries."""
    participants = getattr(session, "participant_list", None)
    if participants is None:
        participants = list(session.participants.select_related("user"))
    return sorted(participants, key=lambda p: (not p.is_host, p.pk))


def session_ics(
    *,
    session: MockSession,
    method: str = "REQUEST",
    participants: list[Participant] | None = None,
) -> bytes:
    """The session as an .ics: REQUEST to invite or update, CANCEL to withdraw,
    PUBLISH for a plain download. Calendars match it to earlier copies by UID and keep
    the one with the highest SEQUENCE. `participants`, host first, when the caller
    has read them already."""
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}.")
    if participants is None:
        participants = participants_of(session)
    calendar = Calendar.new(
        prodid=PRODID,
        method=method,
        uid=f"{session.uid}@mockloop",
        subcomponents=[_session_event(session, participants)],
    )
    return calendar.to_ical()


def calendar_feed_ics(*, user: User, sessions) -> bytes:
    """A subscription feed: no METHOD, as RFC 5545 wants for published calendars."""
    events = [_session_event(session, participants_of(session)) for session in sessions]
    calendar = Calendar.new(
        prodid=PRODID,
        name="Mockloop sessions",
        description=f"Mock interview sessions of {user.name}",
        uid=f"feed-{user.pk}@mockloop",
        refresh_interval=FEED_REFRESH,
        subcomponents=events,
    )
    # Outlook ignores REFRESH-INTERVAL and reads its own property.
    calendar.add("X-PUBLISHED-TTL", FEED_REFRESH)
    return calendar.to_ical()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def calendar_feed_get_or_create(*, user: User) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": _new_token()}
    )
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> CalendarFeed:
    """A new secret URL; the old one stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return CalendarFeed.objects.create(user=user, token=_new_token())
    feed.token = _new_token()
    feed.save(update_fields=["token"])
    return feed


def calendar_feed_url(*, feed: CalendarFeed) -> str:
    return settings.SITE_URL + reverse("calendar-feed-ics", args=[feed.token])
