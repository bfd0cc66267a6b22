"""E-mails about sessions: invitations, answers, changes, cancellations and reminders.

Plain text, with the time in the recipient's own zone and the zone's name, the link
to the session (or, for someone without an account, their invitation), and the
session's .ics attached. Each e-mail has a Message-ID derived from what it is about,
so a retried send is recognisable as the same e-mail.
"""

import zoneinfo
from datetime import datetime, timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.validators import CONTROL_CHARACTERS
from interviews.models import (
    MockSession,
    Participant,
    ParticipantResponse,
    Reminder,
    SessionEmail,
    SessionEvent,
    SessionStatus,
)
from interviews.selectors.session_emails import session_emails_retrying
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

EVENTS = tuple(SessionEvent.values)
# Bounds every SMTP socket operation, so a hung server cannot hold a reminder's row
# lock (and a worker) for ever.
SEND_TIMEOUT_SECONDS = 20


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


def _ics_part(session: MockSession, method: str) -> MIMEText:
    part = MIMEText(session_ics(session=session, method=method).decode(), "calendar")
    # Mail clients show Accept/Decline buttons (or remove the event) from this.
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="mockloop.ics")
    return part


def _message(*, subject, body, to, message_id, session, method) -> EmailMessage:
    # Names are refused with line breaks, but one saved before that rule would make
    # every send of this e-mail fail: a header is one line, whatever it quotes.
    subject = " ".join(CONTROL_CHARACTERS.sub(" ", subject).split())
    message = EmailMessage(
        subject=f"[Mockloop] {subject}",
        body=body,
        to=[to],
        headers={"Message-ID": message_id},
    )
    message.attach(_ics_part(session, method))
    return message


def mail_connection():
    """One connection to the mail server, to reuse for a batch of e-mails: a new
    SMTP connection (with TLS) per e-mail costs more than the e-mail itself."""
    return get_connection(timeout=SEND_TIMEOUT_SECONDS)


def _send(message: EmailMessage, connection=None) -> None:
    if connection is None:
        mail_connection().send_messages([message])
        return
    try:
        # Opened here rather than by send_messages, which would close it again.
        connection.open()
        connection.send_messages([message])
    except Exception:
        # A broken connection must not fail the next e-mails too: they reopen it.
        connection.close()
        raise


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


def session_email_build(*, email: SessionEmail) -> EmailMessage:
    session, participant = email.session, email.participant
    participants = participants_of(session)
    subject, opening = _event_lines(session, email.event, participant, participants)
    if email.reason:
        opening = f"{opening}\nReason: {email.reason}"
    cancelled = email.event == "cancelled" or session.status == SessionStatus.CANCELLED
    link = "" if cancelled else f"\n{participant_link(participant)}"
    call = "" if cancelled else _call_line(session)
    body = f"Hi {participant_name(participant)},\n\n{opening}{link}{call}{_footer()}"
    return _message(
        subject=subject,
        body=body,
        to=participant_address(participant),
        message_id=session_email_message_id(email),
        session=session,
        method="CANCEL" if cancelled else "REQUEST",
    )


def session_email_message_id(email: SessionEmail) -> str:
    return f"<session-{email.session.uid}-email-{email.pk}@mockloop>"


def session_emails_queue(
    *,
    session: MockSession,
    event: str,
    recipients: list[Participant],
    reason: str = "",
) -> list[SessionEmail]:
    """Write one outbox row per recipient in the caller's transaction (the rows
    interviews.events has sent once it commits)."""
    if event not in EVENTS:
        raise ValueError(f"Unknown session event {event!r}; use one of {EVENTS}.")
    return SessionEmail.objects.bulk_create(
        SessionEmail(
            session=session,
            participant=participant,
            event=event,
            sequence=session.sequence,
            reason=reason,
        )
        for participant in recipients
        if participant_address(participant)
    )


SWEEP_BATCH = 500


def session_emails_to_retry(*, now: datetime) -> list[int]:
    """The session e-mails still unsent a while after their change (the broker was
    down when it committed, or a worker died), until they are given up: the sweep
    queues them again. Harmless if the first task is merely slow: the row lets only
    one send."""
    stale = session_emails_retrying(now=now).order_by("created_at")
    return list(stale.values_list("pk", flat=True)[:SWEEP_BATCH])


def session_email_send(*, email_id: int) -> bool:
    """Send one session e-mail, at most once. Returns False when there is nothing to
    send: the row is gone (with its session or person), it was sent already (a
    redelivered task), or the session changed again since (that change sent its own
    e-mail, and an older .ics must not undo it in calendars).

    The row stays locked while the mail server takes the e-mail, and sent_at is set
    before sending: a second delivery of the task waits, then finds it sent; a
    failed send rolls sent_at back for Celery's retry."""
    with transaction.atomic():
        email = (
            SessionEmail.objects.select_for_update(of=("self",))
            .select_related(
                "session__format",
                "session__loop_segment",
                "session__host",
                "participant__user",
            )
            .filter(pk=email_id)
            .first()
        )
        if email is None or email.sent_at or email.superseded_at:
            return False
        now = timezone.now()
        if email.session.sequence != email.sequence:
            email.superseded_at = now
            email.save(update_fields=["superseded_at"])
            return False
        # One read of the participants for the body, the names and the .ics.
        email.session.participant_list = participants_of(email.session)
        message = session_email_build(email=email)
        email.sent_at = now
        email.save(update_fields=["sent_at"])
        _send(message)
    return True


# Reminders ---------------------------------------------------------------------------


def reminder_message_id(reminder_id: int) -> str:
    return f"<reminder-{reminder_id}@mockloop>"


def reminder_email_build(
    *, reminder: Reminder, session: MockSession, now: datetime
) -> EmailMessage:
    participants = participants_of(session)
    participant = next(p for p in participants if p.user_id == reminder.user_id)
    title = session_title(session)
    user = reminder.user
    starts_in = in_words(session.starts_at - now)
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
    return _message(
        subject=f"Reminder: {title} starts {starts_in}",
        body=body,
        to=user.email,
        message_id=reminder_message_id(reminder.pk),
        session=session,
        method="REQUEST",
    )


def reminder_email_send(
    *, reminder: Reminder, session: MockSession, connection=None
) -> None:
    message = reminder_email_build(
        reminder=reminder, session=session, now=timezone.now()
    )
    _send(message, connection)
