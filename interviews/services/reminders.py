"""Reminder e-mails through an outbox: rows written with every schedule change,
claimed by a sweep, each sent at most once, ever.

How a row travels:
1. `reminders_schedule` writes one row per accepted person and offset, in the same
   transaction as the booking, reschedule or cancel that caused it.
2. A drain claims due rows (`select_for_update(skip_locked=True)`; claimed_at, one
   more attempt) in small batches, so two sweeps never take the same row.
3. `reminder_send` locks the row while it sends and sets sent_at in the same
   transaction, so two workers holding the same id cannot both send it. A worker
   killed mid-send loses its connection, PostgreSQL rolls back and unlocks the row,
   and once the claim's lease lapses the next sweep takes it again.
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
from datetime import UTC, datetime, timedelta
from math import ceil

from django.db import connection, transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from interviews.models import (
    MockSession,
    Participant,
    ParticipantResponse,
    Reminder,
    SessionStatus,
)
from interviews.selectors.reminders import (
    MAX_ATTEMPTS,
    reminders_abandoned,
    reminders_claimable,
    reminders_claimable_count,
    reminders_next_lapse,
)
from interviews.services.emails import mail_connection, reminder_email_send

logger = logging.getLogger(__name__)

SENT, SKIPPED, DROPPED, RETRY, FAILED = "sent", "skipped", "dropped", "retry", "failed"
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


@transaction.atomic
def reminders_schedule(*, session: MockSession) -> bool:
    """Make the session's reminders match it: call after every change, in the same
    transaction. Unsent, unclaimed rows are replaced; rows already sent, in flight or
    given up on for the same time stay and are not written again. True when one of
    them is due at once (interviews.events then asks for a sweep)."""
    now = timezone.now()
    session.reminders.filter(
        sent_at__isnull=True, claimed_at__isnull=True, failed_at__isnull=True
    ).delete()
    if session.status != SessionStatus.SCHEDULED or session.starts_at <= now:
        return False
    # due_at is always starts_at - offset (past for a reminder due at once), so a
    # surviving row with the same person, offset and due time is this very reminder.
    kept = set(session.reminders.values_list("user_id", "offset_minutes", "due_at"))
    rows = []
    accepted = session.participants.filter(
        response=ParticipantResponse.ACCEPTED, user__isnull=False
    ).select_related("user")
    for participant in accepted:
        user = participant.user
        for offset in _offsets_to_write(user.reminder_offsets, session.starts_at, now):
            due_at = session.starts_at - timedelta(minutes=offset)
            if (user.pk, offset, due_at) not in kept:
                rows.append(
                    Reminder(
                        session=session, user=user, offset_minutes=offset, due_at=due_at
                    )
                )
    Reminder.objects.bulk_create(rows)
    return any(row.due_at <= now for row in rows)


@transaction.atomic
def reminders_claim_due(*, now: datetime, batch_size: int) -> list[int]:
    """Claim up to batch_size due rows nobody holds; rows locked by another sweep are
    skipped, not waited for."""
    ids = list(
        reminders_claimable(now=now)
        .order_by("due_at", "pk")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:batch_size]
    )
    Reminder.objects.filter(pk__in=ids).update(
        claimed_at=now, attempts=F("attempts") + 1
    )
    return ids


def _reminders_load(ids: list[int]) -> list[Reminder]:
    """What the e-mails need, read once per batch. Whatever decides whether to send
    is read again under the row's lock (_reminder_lock)."""
    return list(
        Reminder.objects.filter(pk__in=ids)
        .select_related(
            "user", "session__format", "session__loop_segment", "session__host"
        )
        .prefetch_related(
            Prefetch(
                "session__participants",
                queryset=Participant.objects.select_related("user"),
                to_attr="participant_list",
            )
        )
        .order_by("due_at", "pk")
    )


def _reminder_lock(reminder_id: int, now: datetime):
    """Lock the unsent row and its session; return the session's state and the
    person's answer as they are once the locks are held, or None.

    It waits rather than skips: the row's lock may be another drain's claim query,
    held for an instant; once free the row is read again, and a row another worker
    has just sent no longer matches. Locking the session row waits for a reschedule
    or cancel in progress and holds back one that starts later until this send is
    done. Plain SQL: this runs once per e-mail, and the ORM's query building was
    the larger part of a send's cost.
    """
    lock = ""
    if connection.features.has_select_for_update_of:
        lock = " FOR NO KEY UPDATE OF r, s"  # SQLite (make run) locks the file
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.status, s.starts_at, s.ends_at, s.sequence, p.response"
            " FROM interviews_reminder r"
            " JOIN interviews_mocksession s ON s.id = r.session_id"
            " LEFT JOIN interviews_participant p"
            "   ON p.session_id = r.session_id AND p.user_id = r.user_id"
            " WHERE r.id = %s AND r.sent_at IS NULL AND r.failed_at IS NULL"
            "   AND r.claimed_at IS NOT NULL AND r.due_at <= %s" + lock,
            [reminder_id, connection.ops.adapt_datetimefield_value(now)],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    status, starts_at, ends_at, sequence, response = row
    return status, _aware(starts_at), _aware(ends_at), sequence, response


def _aware(value) -> datetime:
    # PostgreSQL hands back aware datetimes; SQLite, text in UTC.
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def _why_not_send(reminder: Reminder, state, now: datetime) -> str:
    status, starts_at, ends_at, _, response = state
    if status != SessionStatus.SCHEDULED:
        return "the session is not scheduled (cancelled or waiting for an answer)"
    if now >= ends_at:
        return "the session is over"
    if starts_at != reminder.due_at + timedelta(minutes=reminder.offset_minutes):
        return "the session moved; reminders for its new time replaced this one"
    if response != ParticipantResponse.ACCEPTED:
        return "the person declined or left the session"
    return ""


def reminder_send(*, reminder_id: int) -> str:
    """Send one claimed, due reminder unless it was sent already. Safe to call twice,
    at once or later, from any number of workers."""
    reminders = _reminders_load([reminder_id])
    return _reminder_send_loaded(reminders[0]) if reminders else SKIPPED


def _reminder_send_loaded(reminder: Reminder, mail=None) -> str:
    now = timezone.now()
    with transaction.atomic():
        state = _reminder_lock(reminder.pk, now)
        if state is None:
            return SKIPPED
        session = reminder.session
        status, starts_at, ends_at, sequence, _ = state
        if (status, starts_at, ends_at, sequence) != (
            session.status,
            session.starts_at,
            session.ends_at,
            session.sequence,
        ):
            # Changed since the batch was read: the e-mail must show it as it is.
            session.refresh_from_db()
            session.participant_list = list(session.participants.select_related("user"))
        why_not = _why_not_send(reminder, state, now)
        if why_not:
            logger.info("Reminder %s not sent: %s.", reminder.pk, why_not)
            Reminder.objects.filter(pk=reminder.pk).delete()
            return DROPPED
        # Compare-and-set: only the transaction that flips sent_at sends. It flips
        # it before sending, so once the mail server has taken the e-mail nothing
        # but the COMMIT is left to do: the shortest window in which a dying worker
        # leaves a sent e-mail unrecorded (and a retry sends its Message-ID again).
        if not _mark_sent(reminder.pk, timezone.now()):
            return SKIPPED
        try:
            # No query runs in here, so a failure leaves the transaction usable.
            reminder_email_send(reminder=reminder, session=session, connection=mail)
        except Exception as error:  # any failure counts as a try; bugs show too
            return _record_failure(reminder, error, now)
        return SENT


def _mark_sent(reminder_id: int, moment: datetime) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE interviews_reminder SET sent_at = %s, last_error = ''"
            " WHERE id = %s AND sent_at IS NULL",
            [connection.ops.adapt_datetimefield_value(moment), reminder_id],
        )
        return cursor.rowcount == 1


def _record_failure(reminder: Reminder, error: Exception, now: datetime) -> str:
    message = f"{type(error).__name__}: {error}"[:2000]
    rows = Reminder.objects.filter(pk=reminder.pk)
    if reminder.attempts >= MAX_ATTEMPTS:
        rows.update(sent_at=None, failed_at=now, last_error=message)
        logger.error(
            "Reminder %s failed after %s tries: %s", reminder.pk, MAX_ATTEMPTS, message
        )
        return FAILED
    # The claim stays: its lease, doubling with each try, is the wait before a retry.
    rows.update(sent_at=None, last_error=message)
    logger.warning(
        "Reminder %s try %s failed: %s", reminder.pk, reminder.attempts, message
    )
    return RETRY


def reminders_fail_abandoned(*, now: datetime) -> int:
    """Give up on rows whose last try never reported back (its worker kept dying)."""
    return reminders_abandoned(now=now).update(
        failed_at=now,
        last_error=f"No worker finished sending it in {MAX_ATTEMPTS} tries.",
    )


def reminders_sweep(*, now: datetime) -> int:
    """The minute's sweep: how many drains to start for the rows now due."""
    reminders_fail_abandoned(now=now)
    due = reminders_claimable_count(now=now)
    return min(ceil(due / ROWS_PER_DRAIN), MAX_DRAINS)


@dataclass(frozen=True)
class DrainReport:
    outcomes: Counter
    recheck_in: float | None  # seconds until a sweep should look again, if soon


def reminders_send_due(
    *, batch_size: int = DRAIN_BATCH, budget_seconds: float = DRAIN_SECONDS
) -> DrainReport:
    """Claim and send due reminders until none are left or the budget is spent."""
    deadline = time.monotonic() + budget_seconds
    outcomes: Counter = Counter()
    mail = mail_connection()
    try:
        while time.monotonic() < deadline:
            ids = reminders_claim_due(now=timezone.now(), batch_size=batch_size)
            if not ids:
                break
            for reminder in _reminders_load(ids):
                outcomes[_reminder_send_loaded(reminder, mail)] += 1
    finally:
        mail.close()
    now = timezone.now()
    lapse = reminders_next_lapse(now=now)
    recheck_in = None
    if lapse is not None and lapse - now <= RECHECK_WITHIN:
        recheck_in = max((lapse - now).total_seconds(), 0) + 1
    return DrainReport(outcomes=outcomes, recheck_in=recheck_in)
