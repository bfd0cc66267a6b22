"""The interviews app's data: formats, sessions and their scheduling, rounds and the
questions chosen for them, the e-mails and reminders they send."""

from interviews.models.sessions import (
    ASKING_KINDS,
    AvailabilitySlot,
    BookingLink,
    CalendarFeed,
    Format,
    Invitation,
    MockSession,
    Participant,
    ParticipantResponse,
    Round,
    RoundQuestion,
    Segment,
    SegmentKind,
    SessionEvent,
    SessionState,
    SessionStatus,
)

__all__ = [
    "ASKING_KINDS",
    "AvailabilitySlot",
    "BookingLink",
    "CalendarFeed",
    "Format",
    "Invitation",
    "MockSession",
    "Participant",
    "ParticipantResponse",
    "Round",
    "RoundQuestion",
    "Segment",
    "SegmentKind",
    "SessionEvent",
    "SessionState",
    "SessionStatus",
]
