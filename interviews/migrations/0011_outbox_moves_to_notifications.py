"""Session e-mails and reminders move to the one outbox (notifications.Message), and
the bell to the notifications app.

Each row becomes a message: sent ones as the record of what went out, given-up ones
as failed, superseded ones as dropped. One still waiting (a reminder before an
upcoming session, an e-mail a stopped worker left) is written out here in short, as
what it is about and where to look, since the words it would have had belong to
code that changes: the reminder at its time, the e-mail at once.
"""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

OLD = "(sent before every message went through one outbox)"


def _when(zone_name, moment):
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone_name, zone = "UTC", zoneinfo.ZoneInfo("UTC")
    local = moment.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} ({zone_name})"


def copy_rows(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    Reminder = apps.get_model("interviews", "Reminder")
    SessionEmail = apps.get_model("interviews", "SessionEmail")
    now = timezone.now()
    site = settings.SITE_URL
    messages = []
    for reminder in Reminder.objects.select_related("session__format", "user"):
        session, user = reminder.session, reminder.user
        pending = not (reminder.sent_at or reminder.failed_at)
        messages.append(
            Message(
                topic=(
                    f"session:{session.pk}:reminder:{user.pk}:"
                    f"{reminder.offset_minutes}:{reminder.due_at.isoformat()}"
                ),
                kind=f"Reminder {reminder.offset_minutes} min before",
                user=user,
                to=user.email,
                subject=(
                    f"Reminder: {session.format.name} starts in "
                    f"{reminder.offset_minutes} minutes"
                    if pending
                    else OLD
                ),
                body=(
                    f"Hi {user.display_name or user.email},\n\nYour mock interview "
                    f"{session.format.name} starts on "
                    f"{_when(user.time_zone, session.starts_at)}.\n\n"
                    f"Session page: {site}/sessions/{session.pk}/\n"
                    f"Room: {site}/sessions/{session.pk}/room/\n"
                    if pending
                    else ""
                ),
                message_id_word="reminder",
                due_at=reminder.due_at,
                expires_at=session.ends_at,
                attempts=reminder.attempts,
                claimed_at=None if pending else reminder.claimed_at,
                sent_at=reminder.sent_at,
                failed_at=reminder.failed_at,
                last_error=reminder.last_error,
            )
        )
    for email in SessionEmail.objects.select_related(
        "session__format", "participant__user"
    ):
        session, participant = email.session, email.participant
        address = participant.user.email if participant.user_id else participant.email
        if not address:
            continue
        pending = not (email.sent_at or email.superseded_at)
        # Unsent for more than a day: the sweep had given up on it already.
        stale = pending and email.created_at < now - timedelta(days=1)
        messages.append(
            Message(
                topic=f"session:{session.pk}:email:{participant.pk}",
                kind=f"Session: {email.event}",
                user=participant.user,
                to=address,
                subject=f"{session.format.name}: {email.event}" if pending else OLD,
                body=(
                    f"Your mock interview {session.format.name} on "
                    f"{_when('UTC', session.starts_at)} was {email.event}. "
                    f"See it here: {site}/sessions/{session.pk}/\n"
                    if pending
                    else ""
                ),
                message_id_word=f"session-{session.uid}-email",
                due_at=email.created_at,
                sent_at=email.sent_at,
                dropped_at=email.superseded_at or (now if stale else None),
                dropped_because=(
                    "the session changed again"
                    if email.superseded_at
                    else ("given up on" if stale else "")
                ),
            )
        )
    Message.objects.bulk_create(messages, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0010_room_moves_to_rooms"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_rows, migrations.RunPython.noop),
        migrations.DeleteModel(name="Reminder"),
        migrations.DeleteModel(name="SessionEmail"),
        # The bell's table stays: notifications 0001 took it over.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Notification")],
        ),
    ]
