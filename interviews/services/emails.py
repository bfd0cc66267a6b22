"""E-mails about sessions: invitations, answers, changes, cancellations and reminders,
rendered here and written to the outbox (notifications), which sends each once.

Plain text, with the time in the recipient's own zone and the zone's name, the link
to the session (or, for someone without an account, their invitation), and the
session's .ics attached. Every message about a session has a topic under
"session:<id>", so a later change drops what it makes stale.
"""

import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from interviews.models import (
    MockSession,
    Participant,
    ParticipantResponse,
    SessionEvent,
    SessionStatus,
)
from interviews.services.calendars import (
    participant_address,
    participant_link,
    participant_name,
    participant_shown_name,
    participants_of,
    room_link,
    session_ics,
    session_link,
    session_title,
)
from notifications.models import Message
from notifications.services import Attachment, message_queue, messages_drop

EVENTS = tuple(SessionEvent.values)


def when_in(zone_name: str, moment: datetime) -> str:
    """'Friday 20 March 2026, 11:00 (America/New_York, EDT)'."""
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone_name, zone = "UTC", zoneinfo.ZoneInfo("UTC")
    local = moment.astimezone(zone)
    label = zone_name if zone_name == "UTC" else f"{zone_name}, {local:%Z}"
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} ({label})"


def _zone_of(participant: Participant) -> str:
    # Someone invited by e-mail has not told us their zone: UTC is at least exact.
    return participant.user.time_zone if participant.user_id else "UTC"


def in_words(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    if minutes <= 0:
        return "now"
    if minutes < 90:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(minutes / 60)
    if hours < 36:
        return f"in {hours} hours"
    return f"in {round(hours / 24)} days"


def _others(participant: Participant, participants: list[Participant]) -> str:
    names = [participant_shown_name(p) for p in participants if p.pk != participant.pk]
    return " & ".join(names) or "your partner"


def session_ics_attachment(
    session: MockSession, method: str, participants: list[Participant]
) -> Attachment:
    """The session's .ics as an e-mail attachment: the same for every recipient of
    one change, so a caller writing several e-mails makes it once."""
    # Mail clients show Accept/Decline buttons (or remove the event) from the method.
    return Attachment(
        filename="mockloop.ics",
        content=session_ics(
            session=session, method=method, participants=participants
        ).decode(),
        mimetype="text/calendar",
        params=(("method", method),),
    )


def email_topic(session: MockSession) -> str:
    return f"session:{session.pk}:email"


def reminder_topic(session: MockSession) -> str:
    return f"session:{session.pk}:reminder"


def _call_line(session: MockSession) -> str:
    return f"\nCall: {session.call_link}" if session.call_link else ""


def _footer() -> str:
    profile = settings.SITE_URL + reverse("profile")
    return (
        "\n\nThe calendar event is attached (mockloop.ics); it updates the same "
        f"event in your calendar.\nYour time zone and reminders: {profile}\n"
    )


# Session events ----------------------------------------------------------------------


def _event_lines(session: MockSession, event: str, participant, participants):
    """Subject and the opening of the body for one event, as the recipient reads it."""
    title = session_title(session)
    when = when_in(_zone_of(participant), session.starts_at)
    host = session.host.name
    others = _others(participant, participants)
    if event == "invited":
        return (
            f"{host} invited you to a mock interview: {title}",
            f"{host} invited you to a mock interview: {title}, on {when}.\n\n"
            "Accept, decline or propose another time here:",
        )
    if event == "booked":
        booker = session.host
        if participant.user_id == booker.pk:
            return (
                f"Booked: {title} on {when}",
                f"Your mock interview with {others} is booked in their free time: "
                f"{title}, on {when}.",
            )
        return (
            f"{booker.name} booked a mock in your free time: {title} on {when}",
            f"{booker.name} booked a mock interview in the free time you published: "
            f"{title}, on {when}. It is in your calendar; if the time no longer "
            "suits you, reschedule or cancel it here:",
        )
    if event == "accepted":
        return (
            f"Confirmed: {title} on {when}",
            f"Your mock interview with {others} is confirmed: {title}, on {when}.",
        )
    if event == "declined":
        declined = [
            p for p in participants if p.response == ParticipantResponse.DECLINED
        ]
        who = " & ".join(participant_name(p) for p in declined) or others
        return (
            f"{who} declined: {title} on {when}",
            f"{who} declined the mock interview {title} on {when}.",
        )
    if event == "proposed":
        proposals = [
            p for p in participants if p.proposed_starts_at and p != participant
        ]
        lines = [
            f"{participant_name(p)} proposes "
            f"{when_in(_zone_of(participant), p.proposed_starts_at)}."
            for p in proposals
        ]
        return (
            f"Another time proposed for {title}",
            f"A new time is proposed for {title} (now {when}).\n"
            + "\n".join(lines)
            + "\n\nAccept or answer here:",
        )
    if event == "rescheduled":
        return (
            f"Moved: {title} is now on {when}",
            f"Your mock interview {title} with {others} moved to {when}.",
        )
    by = session.cancelled_by.name if session.cancelled_by_id else "Someone"
    reason = f"\nReason: {session.cancel_reason}" if session.cancel_reason else ""
    return (
        f"Cancelled: {title} on {when}",
        f"{by} cancelled the mock interview {title} on {when}.{reason}",
    )


def _cancels(session: MockSession, event: str) -> bool:
    return event == "cancelled" or session.status == SessionStatus.CANCELLED


def _session_email(
    session, event, participant, participants, reason, calendar: Attachment
) -> dict:
    subject, opening = _event_lines(session, event, participant, participants)
    if reason:
        opening = f"{opening}\nReason: {reason}"
    cancelled = _cancels(session, event)
    link = "" if cancelled else f"\n{participant_link(participant)}"
    call = "" if cancelled else _call_line(session)
    body = f"Hi {participant_name(participant)},\n\n{opening}{link}{call}{_footer()}"
    return {"subject": subject, "body": body, "attachments": [calendar]}


def session_emails_queue(
    *,
    session: MockSession,
    event: str,
    recipients: list[Participant],
    reason: str = "",
) -> list[Message]:
    """Write one e-mail per recipient to the outbox, in the caller's transaction.
    The session's e-mails not sent yet are dropped first: their .ics is older, and
    must not undo this one in calendars."""
    if event not in EVENTS:
        raise ValueError(f"Unknown session event {event!r}; use one of {EVENTS}.")
    messages_drop(topic=email_topic(session), because="the session changed again")
    participants = participants_of(session)
    method = "CANCEL" if _cancels(session, event) else "REQUEST"
    calendar = None
    queued = []
    for participant in recipients:
        address = participant_address(participant)
        if not address:
            continue
        if calendar is None:
            calendar = session_ics_attachment(session, method, participants)
        queued.append(
            message_queue(
                # Who, about what, at which of the session's sequences.
                topic=(
                    f"{email_topic(session)}:{participant.pk}:{event}:"
                    f"{session.sequence}"
                ),
                kind=f"Session: {SessionEvent(event).label.lower()}",
                user=participant.user,
                to=address,
                message_id_word=f"session-{session.uid}-email",
                **_session_email(
                    session, event, participant, participants, reason, calendar
                ),
            )
        )
    return queued


# Reminders ---------------------------------------------------------------------------


def reminder_email(
    *, session: MockSession, user, participants, at, calendar: Attachment
) -> dict:
    """A reminder as it reads when sent at `at`: the start in the person's zone, how
    soon that is, the session's and the room's links, and `calendar`, the session's
    REQUEST .ics (session_ics_attachment)."""
    participant = next(p for p in participants if p.user_id == user.pk)
    title = session_title(session)
    starts_in = in_words(session.starts_at - at)
    body = (
        f"Hi {user.name},\n\n"
        f"Your mock interview starts {starts_in}:\n\n"
        f"  {title} with {_others(participant, participants)}\n"
        f"  {when_in(user.time_zone, session.starts_at)}\n\n"
        f"Session page: {session_link(session)}\n"
        f"Room (opens 10 minutes before the start): {room_link(session)}"
        f"{_call_line(session)}"
        f"{_footer()}"
    )
    return {
        "subject": f"Reminder: {title} starts {starts_in}",
        "body": body,
        "attachments": [calendar],
    }
