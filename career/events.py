"""What career prep announces, from this one place: the weekly reminder to write
in the brag document, an e-mail and a bell entry written to the outbox
(notifications) in the sweep's transaction and sent once it commits.

The topic names the person and the ISO week, and is the message's once-key: however
often the sweep runs, a person gets at most one reminder a week."""

import datetime as dt

from django.conf import settings
from django.urls import reverse

from notifications.models import Message
from notifications.services import message_queue, outbox_sweep_after_commit
from users.models import User

WEEKDAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


def brag_topic(*, user_id: int, week: str) -> str:
    return f"career:brag:{user_id}:{week}"


def brag_reminder_queue(
    *, user: User, week: str, hour: int, until: dt.datetime
) -> Message | None:
    """This week's reminder, unless written already (None). Dropped at the end of
    the person's day: next week has its own."""
    site = settings.SITE_URL
    subject = "What did you do this week? A line for your brag document"
    body = "\n".join(
        [
            f"Hi {user.name},",
            "",
            "Write down this week's wins while you remember the numbers: what you "
            "did, its impact, who saw it.",
            "",
            f"Your brag document: {site}{reverse('career-brag')}",
            "",
            f"You asked for this reminder each week at {hour:02d}:00 "
            f"({user.time_zone}). Change its day or turn it off on the same page.",
            "",
        ]
    )
    return message_queue(
        topic=brag_topic(user_id=user.pk, week=week),
        once=True,
        drain=False,
        kind="Brag document reminder",
        user=user,
        to=user.email,
        subject=subject,
        body=body,
        message_id_word="brag",
        bell_text="Write this week's wins in your brag document",
        bell_url=reverse("career-brag"),
        expires_at=until,
    )


def brag_reminders_written() -> None:
    """Reminders are in the outbox: drains start once the sweep commits."""
    outbox_sweep_after_commit()
