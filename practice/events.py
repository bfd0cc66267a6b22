"""What practising alone announces, from this one place: the daily digest of due
reviews, an e-mail and a bell entry written to the outbox (notifications) in the
transaction that decided it, and sent once it commits.

The digest's topic names the person and their own date, and is written with `once`:
whatever runs twice (a sweep, a task a broker delivered again, a worker killed and
started again), a person gets at most one digest a day."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from notifications.models import Message
from notifications.services import message_queue, outbox_sweep_after_commit
from users.models import User

# The digest names this many questions; the rest are counted.
DIGEST_LISTS = 5


def digest_topic(*, user_id: int, day: dt.date) -> str:
    return f"practice:digest:{user_id}:{day.isoformat()}"


@dataclass(frozen=True)
class DueQuestion:
    title: str
    slug: str


def _digest_text(
    *, user: User, day: dt.date, due: list[DueQuestion], hour: int
) -> tuple[str, str]:
    count = len(due)
    subject = (
        f"{count} question{'s' if count != 1 else ''} to review today ({day:%a %-d %b})"
    )
    site = settings.SITE_URL
    lines = [f"Hi {user.name},", ""]
    lines.append(
        f"{count} question{' is' if count == 1 else 's are'} due for review today:"
    )
    lines += [
        f"- {each.title}: {site}{reverse('question-detail', args=[each.slug])}"
        for each in due[:DIGEST_LISTS]
    ]
    if count > DIGEST_LISTS:
        lines.append(f"and {count - DIGEST_LISTS} more.")
    lines += [
        "",
        f"Review them: {site}{reverse('review-due')}",
        "",
        f"You asked for this digest at {hour:02d}:00 ({user.time_zone}) on days "
        "with something due. Change its hour or turn it off: "
        f"{site}{reverse('practice-settings')}",
        "",
    ]
    return subject, "\n".join(lines)


def digest_queue(
    *,
    user: User,
    day: dt.date,
    due: list[DueQuestion],
    hour: int,
    until: dt.datetime,
) -> Message | None:
    """The digest of `day` for one person, unless it was written already (None).
    Not sent once the day is over: tomorrow has its own."""
    subject, body = _digest_text(user=user, day=day, due=due, hour=hour)
    return message_queue(
        topic=digest_topic(user_id=user.pk, day=day),
        once=True,
        # The writer starts one sweep for the whole batch (digests_written).
        drain=False,
        kind="Daily digest",
        user=user,
        to=user.email,
        subject=subject,
        body=body,
        message_id_word="digest",
        bell_text=subject,
        bell_url=reverse("review-due"),
        expires_at=until,
    )


def digests_written() -> None:
    """A batch of digests is in the outbox: drains start once it commits."""
    outbox_sweep_after_commit()
