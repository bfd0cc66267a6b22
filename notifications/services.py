"""The outbox: messages written with the change they announce, claimed by drains,
each sent at most once, ever; and the bell.

How a message travels:
1. A writer (an app's events.py) renders it and calls `message_queue` in the
   transaction of its change; once that commits, a drain is queued if the message
   is due now. A change that makes pending messages stale drops them by topic
   (`messages_drop`), in its own transaction.
2. A drain claims due rows (`select_for_update(skip_locked=True)`; claimed_at, one
   more attempt) in small batches, so two drains never take the same row.
3. `message_send` locks the row while it sends and sets sent_at in the same
   transaction, so two workers holding the same id cannot both send it, and a drop
   waits for a send in progress. A worker killed mid-send loses its connection, the
   database rolls back and unlocks the row, and once the claim's lease lapses the
   next drain takes it again.
4. A failed send is retried after a lease that doubles with each try; after the
   last try the row gets failed_at and shows on the outbox page.

The one window left is a worker dying after the mail server accepted the message
and before the commit: the retry then sends the same Message-ID again, which mail
clients recognise as one message.
"""

import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.mime.text import MIMEText
from math import ceil

from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from core.tasks import task_queue_after_commit
from core.validators import CONTROL_CHARACTERS
from notifications.models import PENDING, Message, Notification
from notifications.selectors import (
    MAX_ATTEMPTS,
    messages_abandoned,
    messages_about,
    messages_claimable,
    messages_claimable_count,
    messages_next_lapse,
)
from users.models import User

logger = logging.getLogger(__name__)

SENT, SKIPPED, DROPPED, RETRY, FAILED = "sent", "skipped", "dropped", "retry", "failed"
# Bounds every SMTP socket operation, so a hung server cannot hold a row's lock (and
# a worker) for ever.
SEND_TIMEOUT_SECONDS = 20
# A drain claims this many rows at a time: few enough that a slow mail server does
# not keep many rows waiting behind one send.
DRAIN_BATCH = 20
# A drain stops claiming after this long; the next minute's sweep carries on.
DRAIN_SECONDS = 50
# The sweep starts one drain per this many due rows, up to MAX_DRAINS at once. More
# drains than worker slots is fine: spare ones find nothing and end.
ROWS_PER_DRAIN = 100
MAX_DRAINS = 32
# A drain that ends while claims are still held asks for a sweep when the first of
# them lapses, if that is sooner than beat's next minute.
RECHECK_WITHIN = timedelta(seconds=60)
DRAIN_TASK = "notifications.tasks.outbox_drain_task"
SWEEP_TASK = "notifications.tasks.outbox_sweep_task"


@dataclass(frozen=True)
class Attachment:
    """A text attachment: the .ics of a session, say."""

    filename: str
    content: str
    mimetype: str = "text/plain"
    params: tuple[tuple[str, str], ...] = ()

    def as_data(self) -> dict:
        return {
            "filename": self.filename,
            "content": self.content,
            "mimetype": self.mimetype,
            "params": dict(self.params),
        }


def _one_line(text: str) -> str:
    # A header is one line, whatever it quotes: a name saved before names were
    # refused with line breaks must not split it or fail every send.
    return " ".join(CONTROL_CHARACTERS.sub(" ", text).split())


def _fields(
    *,
    topic: str,
    kind: str,
    user: User | None = None,
    to: str = "",
    subject: str = "",
    body: str = "",
    attachments: list[Attachment] | tuple = (),
    message_id_word: str = "message",
    bell_text: str = "",
    bell_url: str = "",
    due_at: datetime | None = None,
    expires_at: datetime | None = None,
    now: datetime,
) -> dict:
    return {
        "topic": topic,
        "kind": kind[:60],
        "user": user,
        "to": to,
        "subject": _one_line(subject)[:300],
        "body": body,
        "attachments": [each.as_data() for each in attachments],
        "message_id_word": message_id_word,
        "bell_text": bell_text[:300],
        "bell_url": bell_url[:300],
        "due_at": due_at or now,
        "expires_at": expires_at,
    }


def message_queue(
    *,
    topic: str,
    kind: str,
    user: User | None = None,
    to: str = "",
    subject: str = "",
    body: str = "",
    attachments: list[Attachment] | tuple = (),
    message_id_word: str = "message",
    bell_text: str = "",
    bell_url: str = "",
    due_at: datetime | None = None,
    expires_at: datetime | None = None,
    once: bool = False,
    drain: bool = True,
) -> Message | None:
    """Write one message in the caller's transaction; once it commits, a drain sends
    it if it is due. With `once`, a second message about the same topic is never
    written (None comes back). A writer of many at once passes `drain=False` and
    starts one sweep after its commit (`outbox_sweep_after_commit`), rather than a
    drain task per message (or writes them in one go: `messages_queue_once`)."""
    now = timezone.now()
    fields = _fields(
        topic=topic,
        kind=kind,
        user=user,
        to=to,
        subject=subject,
        body=body,
        attachments=attachments,
        message_id_word=message_id_word,
        bell_text=bell_text,
        bell_url=bell_url,
        due_at=due_at,
        expires_at=expires_at,
        now=now,
    )
    if once:
        if Message.objects.filter(once_key=topic).exists():
            return None
        try:
            with transaction.atomic():
                message = Message.objects.create(once_key=topic, **fields)
        except IntegrityError:  # written by another transaction at the same moment
            return None
    else:
        message = Message.objects.create(**fields)
    if drain and message.due_at <= now:
        task_queue_after_commit(DRAIN_TASK)
    return message


def outbox_sweep_after_commit() -> None:
    """Once the caller's transaction commits, start drains for whatever is due (as
    beat's minute would): for messages written with `drain=False`."""
    task_queue_after_commit(SWEEP_TASK)


def messages_queue_once(*, messages: list[dict]) -> int:
    """Write many messages at once in the caller's transaction, each at most once
    ever (its topic is its once-key, as with `message_queue(once=True)`): one
    INSERT ... ON CONFLICT DO NOTHING for the lot, so a topic written before, or by
    another transaction at the same moment, is skipped. Once it commits, one sweep
    starts the drains, not a drain task per message. A message is `message_queue`'s
    keywords. Returns how many topics were new when looked at, for reports."""
    if not messages:
        return 0
    now = timezone.now()
    rows = [_fields(**message, now=now) for message in messages]
    topics = [row["topic"] for row in rows]
    before = set(
        Message.objects.filter(once_key__in=topics).values_list("once_key", flat=True)
    )
    Message.objects.bulk_create(
        [Message(once_key=row["topic"], **row) for row in rows], ignore_conflicts=True
    )
    outbox_sweep_after_commit()
    return len(set(topics) - before)


@transaction.atomic
def messages_drop(
    *, topic: str, because: str, keep: set[str] | frozenset = frozenset()
) -> int:
    """Drop the pending messages about `topic` and under it, but those whose topic
    is in `keep`: they are stale now. A message being sent holds its row: this
    waits for it, and finds it sent."""
    ids = [
        pk
        for pk, each in messages_about(topic=topic)
        .filter(PENDING)
        .select_for_update()
        .values_list("pk", "topic")
        if each not in keep
    ]
    return Message.objects.filter(pk__in=ids, sent_at__isnull=True).update(
        dropped_at=timezone.now(), dropped_because=because[:200]
    )


@transaction.atomic
def messages_claim_due(*, now: datetime, batch_size: int) -> list[int]:
    """Claim up to batch_size due rows nobody holds; rows locked by another drain
    are skipped, not waited for."""
    ids = list(
        messages_claimable(now=now)
        .order_by("due_at", "pk")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:batch_size]
    )
    Message.objects.filter(pk__in=ids).update(
        claimed_at=now, attempts=F("attempts") + 1
    )
    return ids


def _lock(message_id: int, now: datetime) -> bool:
    """Lock the row if it is still claimed, due and pending. It waits rather than
    skips: the lock may be another drain's claim query, held for an instant, or a
    drop; once free the row is read again, and a row sent or dropped meanwhile no
    longer matches. Plain SQL: this runs once per message, and the ORM's query
    building was the larger part of a send's cost."""
    lock = " FOR NO KEY UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM notifications_message"
            " WHERE id = %s AND sent_at IS NULL AND failed_at IS NULL"
            "   AND dropped_at IS NULL AND claimed_at IS NOT NULL AND due_at <= %s"
            + lock,
            [message_id, connection.ops.adapt_datetimefield_value(now)],
        )
        return cursor.fetchone() is not None


def _mark(message_id: int, column: str, moment: datetime) -> bool:
    """Compare-and-set: only the transaction that sets `column` goes on."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE notifications_message SET {column} = %s, last_error = ''"
            f" WHERE id = %s AND {column} IS NULL",
            [connection.ops.adapt_datetimefield_value(moment), message_id],
        )
        return cursor.rowcount == 1


def mail_connection():
    """One connection to the mail server, to reuse for a batch of e-mails: a new
    SMTP connection (with TLS) per e-mail costs more than the e-mail itself."""
    return get_connection(timeout=SEND_TIMEOUT_SECONDS)


def _email(message: Message) -> EmailMessage:
    email = EmailMessage(
        subject=f"[Mockloop] {message.subject}",
        body=message.body,
        to=[message.to],
        headers={"Message-ID": message.message_id},
    )
    for each in message.attachments:
        maintype, _, subtype = each["mimetype"].partition("/")
        part = MIMEText(each["content"], subtype or "plain")
        for name, value in each.get("params", {}).items():
            # Mail clients show Accept/Decline buttons from an .ics's method.
            part.set_param(name, value)
        part.add_header("Content-Disposition", "attachment", filename=each["filename"])
        email.attach(part)
    return email


def _deliver(email: EmailMessage, mail=None) -> None:
    if mail is None:
        mail_connection().send_messages([email])
        return
    try:
        # Opened here rather than by send_messages, which would close it again.
        mail.open()
        mail.send_messages([email])
    except Exception:
        # A broken connection must not fail the next e-mails too: they reopen it.
        mail.close()
        raise


def message_send(*, message_id: int) -> str:
    """Send one claimed, due message unless it was sent or dropped already. Safe to
    call twice, at once or later, from any number of workers."""
    message = Message.objects.filter(pk=message_id).first()
    return _send_loaded(message) if message else SKIPPED


def _send_loaded(message: Message, mail=None) -> str:
    now = timezone.now()
    with transaction.atomic():
        if not _lock(message.pk, now):
            return SKIPPED
        if message.expires_at is not None and now >= message.expires_at:
            Message.objects.filter(pk=message.pk).update(
                dropped_at=now, dropped_because="too late: its moment had passed"
            )
            return DROPPED
        if message.bell_text and _mark(message.pk, "bell_at", now):
            # The bell rings once, even if the e-mail needs another try.
            Notification.objects.create(
                user_id=message.user_id,
                topic=message.topic,
                text=message.bell_text,
                url=message.bell_url,
            )
        # Set before sending: once the mail server has taken the e-mail nothing
        # but the COMMIT is left to do, the shortest window in which a dying worker
        # leaves a sent e-mail unrecorded.
        if not _mark(message.pk, "sent_at", timezone.now()):
            return SKIPPED
        if not message.to:
            return SENT
        try:
            # No query runs in here, so a failure leaves the transaction usable.
            _deliver(_email(message), mail)
        except Exception as error:  # any failure counts as a try; bugs show too
            return _record_failure(message, error, now)
        return SENT


def _record_failure(message: Message, error: Exception, now: datetime) -> str:
    text = f"{type(error).__name__}: {error}"[:2000]
    rows = Message.objects.filter(pk=message.pk)
    attempts = rows.values_list("attempts", flat=True).first() or message.attempts
    if attempts >= MAX_ATTEMPTS:
        rows.update(sent_at=None, failed_at=now, last_error=text)
        logger.error(
            "Message %s failed after %s tries: %s", message.pk, MAX_ATTEMPTS, text
        )
        return FAILED
    # The claim stays: its lease, doubling with each try, is the wait before a retry.
    rows.update(sent_at=None, last_error=text)
    logger.warning("Message %s try %s failed: %s", message.pk, attempts, text)
    return RETRY


def messages_fail_abandoned(*, now: datetime) -> int:
    """Give up on rows whose last try never reported back (its worker kept dying)."""
    return messages_abandoned(now=now).update(
        failed_at=now,
        last_error=f"No worker finished sending it in {MAX_ATTEMPTS} tries.",
    )


def messages_sweep(*, now: datetime) -> int:
    """The minute's sweep: how many drains to start for the rows now due."""
    messages_fail_abandoned(now=now)
    due = messages_claimable_count(now=now)
    return min(ceil(due / ROWS_PER_DRAIN), MAX_DRAINS)


@dataclass(frozen=True)
class DrainReport:
    outcomes: Counter
    recheck_in: float | None  # seconds until a sweep should look again, if soon


def messages_drain(
    *, batch_size: int = DRAIN_BATCH, budget_seconds: float = DRAIN_SECONDS
) -> DrainReport:
    """Claim and send due messages until none are left or the budget is spent."""
    deadline = time.monotonic() + budget_seconds
    outcomes: Counter = Counter()
    mail = mail_connection()
    try:
        while time.monotonic() < deadline:
            ids = messages_claim_due(now=timezone.now(), batch_size=batch_size)
            if not ids:
                break
            for message in Message.objects.filter(pk__in=ids).order_by("due_at", "pk"):
                outcomes[_send_loaded(message, mail)] += 1
    finally:
        mail.close()
    now = timezone.now()
    lapse = messages_next_lapse(now=now)
    recheck_in = None
    if lapse is not None and lapse - now <= RECHECK_WITHIN:
        recheck_in = max((lapse - now).total_seconds(), 0) + 1
    return DrainReport(outcomes=outcomes, recheck_in=recheck_in)


def notification_create(
    *, user: User, text: str, url: str = "", topic: str = ""
) -> Notification:
    """A bell entry at once, in the caller's transaction (exactly once with it)."""
    return Notification.objects.create(user=user, text=text[:300], url=url, topic=topic)


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
