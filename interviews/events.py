"""What a change of a session announces, from this one place: the e-mails, reminders
and bells, and a word to the session's room.

Services call these functions inside their transaction. What must survive a crash is
written there and then (outbox messages, bells); what leaves the process (Celery
tasks, channel-layer messages) waits for the commit, so nobody hears of a change
that was rolled back. The channel layer delivers at most once: a room event
only tells sockets to read their state again from the database, which is the truth.
"""

import logging
from datetime import datetime

from core.broadcasts import group_send_after_commit
from interviews.models import MockSession, Participant, ParticipantResponse
from interviews.services.emails import session_emails_queue
from interviews.services.reminders import reminders_schedule
from interviews.services.session_rules import session_url, when_for
from notifications.services import notification_create
from users.models import User

logger = logging.getLogger(__name__)


# Group names: ^[a-zA-Z0-9._-]+$ and under 100 characters (channels-redis).
def session_group(session_id: int) -> str:
    """Every socket of a session's room listens here."""
    return f"session.{session_id}"


def session_changed(*, session_id: int, what: str) -> None:
    """Every socket of the session's room reads its own view of the room again (so
    no event ever carries what one of them may not see) and sends it on."""
    group_send_after_commit(
        session_group(session_id), {"type": "room.changed", "what": what}
    )


# Session changes ------------------------------------------------------------------
def session_emails_announce(
    *,
    session: MockSession,
    event: str,
    recipients: list[Participant],
    reason: str = "",
) -> None:
    """An e-mail per recipient in the outbox now; once committed, a drain sends
    them, each once."""
    session_emails_queue(
        session=session, event=event, recipients=recipients, reason=reason
    )


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
    reminders_schedule(session=session)
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
            topic=f"session:{session.pk}",
        )
    session_changed(session_id=session.pk, what=event)
