"""What a change announces, sent from this one place once it commits: websocket events
to the live room, and the e-mails, reminders and bells of session changes.

Services call these functions inside their transaction. What must survive a crash is
written there and then (e-mail and reminder rows, bells); what leaves the process
(Celery tasks, channel-layer messages) waits for the commit, so nobody hears of a
change that was rolled back. The channel layer delivers at most once: a room event
only tells sockets to read their state again from the database, which is the truth.
"""

import asyncio
import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from interviews.models import MockSession, Participant, ParticipantResponse
from interviews.services.emails import session_emails_queue
from interviews.services.notifications import notification_create
from interviews.services.reminders import reminders_schedule
from interviews.services.session_rules import session_url, when_for
from users.models import User

logger = logging.getLogger(__name__)

# Close codes the room's sockets use. y-websocket stops retrying on any 44xx and
# retries every other code (45xx is "try again later"). 1009 is no code for an
# application to send: servers refuse it (daphne logs a traceback).
CLOSE_BAD_MESSAGE = 4400
CLOSE_SIGNED_OUT = 4401
CLOSE_NOT_ALLOWED = 4403
CLOSE_TOO_BIG = 4413
CLOSE_FLOOD = 4429
CLOSE_TRY_AGAIN = 4500


# Group names: ^[a-zA-Z0-9._-]+$ and under 100 characters (channels-redis).
def session_group(session_id: int) -> str:
    return f"session.{session_id}"


def pad_group(pad_id: uuid.UUID | str) -> str:
    return f"pad.{uuid.UUID(str(pad_id)).hex}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def _send(group: str, message: dict) -> None:
    try:
        send = async_to_sync(get_channel_layer().group_send)
        if _loop_running_here():
            # Synchronous code on a thread that also runs an event loop (a script
            # or test driving Playwright's sync API): async_to_sync refuses it.
            with ThreadPoolExecutor(max_workers=1) as thread:
                thread.submit(send, group, message).result()
        else:
            send(group, message)
    except Exception:  # the relay is best effort; sockets resync from the database
        logger.exception("Could not send %s to %s", message.get("type"), group)


def _loop_running_here() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _after_commit(group: str, message: dict) -> None:
    transaction.on_commit(lambda: _send(group, message), robust=True)


# The live room -------------------------------------------------------------------
def room_changed(*, session_id: int, what: str) -> None:
    """Every socket of the session's room reads its own view of the room again (so
    no event ever carries what one of them may not see) and sends it on."""
    _after_commit(session_group(session_id), {"type": "room.changed", "what": what})


def sockets_close_for_user(*, user_id: int, code: int) -> None:
    """Close every room and pad socket of a person: logged out, or out of a
    session. Logging out does not close open sockets by itself."""
    _after_commit(user_group(user_id), {"type": "socket.close", "code": code})


# Session changes ------------------------------------------------------------------
def session_emails_announce(
    *,
    session: MockSession,
    event: str,
    recipients: list[Participant],
    reason: str = "",
) -> None:
    """An e-mail row per recipient now; once committed, one task per row sends it
    (a retry repeats only that e-mail)."""
    from interviews.tasks import session_email_task  # tasks import services

    emails = session_emails_queue(
        session=session, event=event, recipients=recipients, reason=reason
    )
    for email in emails:
        transaction.on_commit(
            lambda pk=email.pk: session_email_task.delay(pk), robust=True
        )


def _reminders_sweep_now() -> None:
    from interviews.tasks import reminders_sweep_task  # tasks import services

    reminders_sweep_task.delay()


def session_announce(
    *,
    session: MockSession,
    event: str,
    actor: User,
    text: str,
    recipients: list[Participant],
    moment: datetime | None = None,
    reason: str = "",
) -> None:
    """After a change of a session: reminders follow it, e-mails go to the
    recipients, everyone but the actor finds a notice behind the bell, and the room
    shows it. `text` may name `{when}`: `moment` (the session's start unless given)
    in each reader's zone. `reason`, when given, closes each e-mail."""
    if reminders_schedule(session=session):
        transaction.on_commit(_reminders_sweep_now, robust=True)
    if recipients:
        session_emails_announce(
            session=session, event=event, recipients=recipients, reason=reason
        )
    for participant in session.participants.select_related("user"):
        user = participant.user
        if user is None or user.pk == actor.pk:
            continue
        if (
            participant.response == ParticipantResponse.DECLINED
            and event != "cancelled"
        ):
            continue
        notification_create(
            user=user,
            text=text.replace("{when}", when_for(user, moment or session.starts_at))[
                :300
            ],
            url=session_url(session),
            session=session,
        )
    room_changed(session_id=session.pk, what=event)


def sockets_close_on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        sockets_close_for_user(user_id=user.pk, code=CLOSE_SIGNED_OUT)
