"""What practising alone announces, from this one place: the daily digest of due
reviews, an e-mail and a bell entry written to the outbox (notifications) in the
transaction that decided it, and sent once it commits.

The digest's topic names the person and their own date, and is the message's
once-key: whatever runs twice (a sweep, a task a broker delivered again, a worker
killed and started again), a person gets at most one digest a day. A batch of
digests is one write (`messages_queue_once`): the sweep writes thousands at once."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from notifications.services import messages_queue_once
from users.models import User

# The digest names this many questions; the rest are counted.
DIGEST_LISTS = 5


def digest_topic(*, user_id: int, day: dt.date) -> str:
    return f"practice:digest:{user_id}:{day.isoformat()}"


@dataclass(frozen=True)
class DueQuestion:
    title: str
    slug: str


@dataclass(frozen=True)
class Digest:
    """One person's digest of one day: what is due, and when the day ends."""

    user: User
    day: dt.date
    due: list[DueQuestion]
    hour: int
    until: dt.datetime


@dataclass(frozen=True)
class _Links:
    site: str
    question: str  # with "-" for the slug
    review: str
    settings: str

    @classmethod
    def now(cls) -> "_Links":
        return cls(
            site=settings.SITE_URL,
            question=reverse("question-detail", args=["-"]),
            review=reverse("review-due"),
            settings=reverse("practice-settings"),
        )

    def of_question(self, slug: str) -> str:
        return self.site + self.question.replace("/-/", f"/{slug}/")


def _digest_text(digest: Digest, links: _Links) -> tuple[str, str]:
    user, day, due = digest.user, digest.day, digest.due
    count = len(due)
    subject = (
        f"{count} question{'s' if count != 1 else ''} to review today ({day:%a %-d %b})"
    )
    lines = [f"Hi {user.name},", ""]
    lines.append(
        f"{count} question{' is' if count == 1 else 's are'} due for review today:"
    )
    lines += [
        f"- {each.title}: {links.of_question(each.slug)}" for each in due[:DIGEST_LISTS]
    ]
    if count > DIGEST_LISTS:
        lines.append(f"and {count - DIGEST_LISTS} more.")
    lines += [
        "",
        f"Review them: {links.site}{links.review}",
        "",
        f"You asked for this digest at {digest.hour:02d}:00 ({user.time_zone}) on "
        "days with something due. Change its hour or turn it off: "
        f"{links.site}{links.settings}",
        "",
    ]
    return subject, "\n".join(lines)


def digests_queue(*, digests: list[Digest]) -> int:
    """Each person's digest of their day, in one write, unless it was written
    already; once committed, drains send them. A digest is not sent once its day is
    over: tomorrow has its own. Returns how many were new."""
    links = _Links.now()
    messages = []
    for digest in digests:
        subject, body = _digest_text(digest, links)
        messages.append(
            {
                "topic": digest_topic(user_id=digest.user.pk, day=digest.day),
                "kind": "Daily digest",
                "user": digest.user,
                "to": digest.user.email,
                "subject": subject,
                "body": body,
                "message_id_word": "digest",
                "bell_text": subject,
                "bell_url": links.review,
                "expires_at": digest.until,
            }
        )
    return messages_queue_once(messages=messages)
