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
    Notification,
    Participant,
    ParticipantResponse,
    Reminder,
    Round,
    RoundQuestion,
    Segment,
    SegmentKind,
    SessionEmail,
    SessionEvent,
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
    "Notification",
    "Participant",
    "ParticipantResponse",
    "Reminder",
    "Round",
    "RoundQuestion",
    "Segment",
    "SegmentKind",
    "SessionEmail",
    "SessionEvent",
    "SessionStatus",
]
