"""Reminders before a session, at the offsets each person chose: written to the outbox
(notifications) with every change of the session, in the change's transaction.

`reminders_schedule` drops the session's reminders its new state no longer calls
for (a drop waits for a reminder being sent at that moment) and writes the missing
ones; a reminder already written for the same person, offset and time, sent or
not, is not written again. A reminder goes out at most once, ever, and never after the
session's end.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from interviews.models import MockSession, ParticipantResponse, SessionStatus
from interviews.services.emails import (
    reminder_email,
    reminder_topic,
    session_ics_attachment,
)
from notifications.selectors import messages_about
from notifications.services import message_queue, messages_drop


def _offsets_to_write(offsets: list[int], starts_at: datetime, now: datetime):
    """Offsets still ahead keep their time. Those already past when booking collapse
    into at most one message: none when a later reminder will still come (the
    booking's own e-mail has just told the person, and two reminders minutes apart
    are noise), else one "starting soon" due at once."""
    ahead = [o for o in set(offsets) if starts_at - timedelta(minutes=o) > now]
    past = [o for o in set(offsets) if starts_at - timedelta(minutes=o) <= now]
    if ahead:
        return sorted(ahead, reverse=True)
    return [min(past)] if past else []


def reminder_key(session: MockSession, user_id: int, offset: int, due_at) -> str:
    """The reminder's topic: who, how long before, and for which start."""
    return f"{reminder_topic(session)}:{user_id}:{offset}:{due_at.isoformat()}"


def _wanted(session: MockSession, participants, now: datetime) -> dict:
    """The reminders the session's state calls for, by key: (user, offset, due)."""
    if session.status != SessionStatus.SCHEDULED or session.starts_at <= now:
        return {}
    wanted = {}
    for participant in participants:
        if participant.response != ParticipantResponse.ACCEPTED or not participant.user:
            continue
        user = participant.user
        for offset in _offsets_to_write(user.reminder_offsets, session.starts_at, now):
            due_at = session.starts_at - timedelta(minutes=offset)
            wanted[reminder_key(session, user.pk, offset, due_at)] = (
                user,
                offset,
                due_at,
            )
    return wanted


@transaction.atomic
def reminders_schedule(*, session: MockSession) -> bool:
    """Make the session's reminders match it: call after every change, in the same
    transaction. Reminders it no longer calls for are dropped; those it still calls
    for stay as they are (claimed, sent or given up on); the missing ones are
    written. True when one of those is due at once."""
    now = timezone.now()
    # Read now, not from a cache on the session: the change may have just made them.
    participants = sorted(
        session.participants.select_related("user"), key=lambda p: (not p.is_host, p.pk)
    )
    wanted = _wanted(session, participants, now)
    messages_drop(
        topic=reminder_topic(session), because="the session changed", keep=set(wanted)
    )
    # due_at is always starts_at - offset (past for a reminder due at once), so a
    # message with the same key, not dropped, is this very reminder.
    present = set(
        messages_about(topic=reminder_topic(session))
        .filter(dropped_at__isnull=True)
        .values_list("topic", flat=True)
    )
    due_now = False
    calendar = None
    for key, (user, offset, due_at) in wanted.items():
        if key in present:
            continue
        if calendar is None:
            calendar = session_ics_attachment(session, "REQUEST", participants)
        message_queue(
            topic=key,
            kind=f"Reminder {offset} min before",
            user=user,
            to=user.email,
            message_id_word="reminder",
            due_at=due_at,
            # Never a reminder for a session that is over.
            expires_at=session.ends_at,
            **reminder_email(
                session=session,
                user=user,
                participants=participants,
                at=max(due_at, now),
                calendar=calendar,
            ),
        )
        due_now = due_now or due_at <= now
    return due_now
