"""Shared helpers of the sessions, invitations, rounds and formats tests: a frozen
clock, the built-in formats, and sessions booked through the services."""

from datetime import UTC, datetime, timedelta

from interviews.models import Format, MockSession
from interviews.services.sessions import session_accept, session_schedule
from users.models import User

# Monday 10 March 2025, noon UTC: after the US clock change, before Europe's.
NOW = datetime(2025, 3, 10, 12, tzinfo=UTC)


def builtin(slug: str = "phone-screen-e4-e5") -> Format:
    return Format.objects.get(slug=slug, owner=None)


def book(
    *,
    host: User,
    partner: User | None = None,
    starts_at: datetime | None = None,
    accept: bool = True,
    **options,
) -> MockSession:
    """A session booked by `host`, accepted by `partner` unless told otherwise."""
    session = session_schedule(
        host=host,
        partner=partner,
        format=options.pop("format", None) or builtin(),
        starts_at=starts_at or NOW + timedelta(days=1),
        **options,
    )
    if partner is not None and accept:
        session_accept(session=session, user=partner)
    session.refresh_from_db()
    return session


def counts() -> dict[str, int]:
    """Rows the scheduling services write: a refused request must leave them all."""
    from interviews.models import Invitation, Participant, Round, RoundQuestion
    from notifications.models import Message, Notification

    return {
        model.__name__: model.objects.count()
        for model in (
            MockSession,
            Participant,
            Invitation,
            Round,
            RoundQuestion,
            Message,
            Notification,
        )
    }
