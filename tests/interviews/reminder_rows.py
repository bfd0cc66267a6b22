"""The reminders the outbox holds for a session, read back as what they are: who,
how long before, when due (their topic says it: session:<id>:reminder:<user>:
<offset>:<due>)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from notifications.models import Message


@dataclass(frozen=True)
class ReminderRow:
    message: Message
    user_id: int
    offset_minutes: int
    due_at: datetime


def reminder_messages(session=None) -> QuerySet:
    """The reminders written and not dropped (sent, failed or waiting)."""
    topic = f"session:{session.pk}:reminder:" if session else "session:"
    rows = Message.objects.filter(topic__startswith=topic, dropped_at__isnull=True)
    return rows.filter(topic__contains=":reminder:").select_related("user")


def reminder_rows(session=None) -> list[ReminderRow]:
    rows = []
    for message in reminder_messages(session).order_by("due_at", "pk"):
        _, _, _, user_id, offset, _ = message.topic.split(":", 5)
        rows.append(
            ReminderRow(
                message=message,
                user_id=int(user_id),
                offset_minutes=int(offset),
                due_at=message.due_at,
            )
        )
    return rows


def with_offset(offset: int, session=None) -> QuerySet:
    ids = [r.message.pk for r in reminder_rows(session) if r.offset_minutes == offset]
    return Message.objects.filter(pk__in=ids)
