"""Sessions built straight from the models, so the reminder, calendar and e-mail
tests do not depend on the scheduling services."""

import uuid
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password

from interviews.models import (
    Format,
    MockSession,
    Participant,
    ParticipantResponse,
    Segment,
    SegmentKind,
    SessionStatus,
)
from users.models import User

# Hashing a password per user would make the many-user tests crawl.
UNUSABLE_PASSWORD = make_password(None)


def make_people(count: int, *, prefix: str = "person", **fields) -> list[User]:
    tag = uuid.uuid4().hex[:6]
    return User.objects.bulk_create(
        User(
            email=f"{prefix}{n}-{tag}@example.com",
            display_name=f"{prefix.title()} {n}",
            password=UNUSABLE_PASSWORD,
            **fields,
        )
        for n in range(count)
    )


def make_format(
    *, owner: User, minutes: int = 45, name: str = "Phone screen"
) -> Format:
    format_ = Format.objects.create(
        owner=owner, slug=f"format-{uuid.uuid4().hex[:8]}", name=name
    )
    Segment.objects.create(
        format=format_, order=0, kind=SegmentKind.CODING, minutes=minutes, questions=1
    )
    return format_


def make_session(
    *,
    host: User,
    starts_at: datetime,
    partner: User | None = None,
    partner_email: str = "",
    partner_response: str = ParticipantResponse.ACCEPTED,
    status: str = SessionStatus.SCHEDULED,
    minutes: int = 45,
    format_: Format | None = None,
    **fields,
) -> MockSession:
    session = MockSession.objects.create(
        host=host,
        format=format_ or make_format(owner=host, minutes=minutes),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        status=status,
        **fields,
    )
    Participant.objects.create(
        session=session, user=host, is_host=True, response=ParticipantResponse.ACCEPTED
    )
    if partner is not None or partner_email:
        Participant.objects.create(
            session=session,
            user=partner,
            email=partner_email,
            response=partner_response,
        )
    return session


def move_session(session: MockSession, starts_at: datetime) -> MockSession:
    """What a reschedule does to the row: new time, one more SEQUENCE."""
    duration = session.ends_at - session.starts_at
    session.starts_at, session.ends_at = starts_at, starts_at + duration
    session.sequence += 1
    session.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
    return session


def cancel_session(session: MockSession, *, by: User, reason: str) -> MockSession:
    session.status = SessionStatus.CANCELLED
    session.cancelled_by, session.cancel_reason = by, reason
    session.sequence += 1
    session.save()
    return session
