import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.validators import validate_one_line, validate_web_url
from questions.models import Question


class SegmentKind(models.TextChoices):
    INTRO = "intro", "Introduction"
    CODING = "coding", "Coding"
    DESIGN = "design", "Object-oriented design"
    SYSTEM_DESIGN = "system_design", "System design"
    ML_SYSTEM_DESIGN = "ml_system_design", "ML system design"
    ML_CODING = "ml_coding", "ML coding"
    ML_FUNDAMENTALS = "ml_fundamentals", "ML fundamentals"
    BEHAVIORAL = "behavioral", "Behavioral"
    CANDIDATE_QUESTIONS = "questions", "Questions for the interviewer"


# Segments in which the interviewer asks questions from the bank (the others are talk).
ASKING_KINDS = {
    SegmentKind.CODING,
    SegmentKind.DESIGN,
    SegmentKind.SYSTEM_DESIGN,
    SegmentKind.ML_SYSTEM_DESIGN,
    SegmentKind.ML_CODING,
    SegmentKind.ML_FUNDAMENTALS,
    SegmentKind.BEHAVIORAL,
}


class Format(models.Model):
    """An interview format: ordered segments. A loop's segments are whole rounds that
    may be held on different days with different friends."""

    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200, validators=[validate_one_line])
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="formats",
        help_text="Empty for the built-in formats everyone can use.",
    )
    is_loop = models.BooleanField(
        default=False,
        help_text="Each segment is a separate round, scheduled on its own.",
    )
    # The clock of solo practice (practice.services): never offered for a mock.
    is_solo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(owner__isnull=True),
                name="builtin_format_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["owner", "slug"], name="custom_format_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def total_minutes(self) -> int:
        return sum(segment.minutes for segment in self.segments.all())


class Segment(models.Model):
    format = models.ForeignKey(
        Format, on_delete=models.CASCADE, related_name="segments"
    )
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=SegmentKind.choices)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    questions = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(5)],
        help_text="How many questions the interviewer asks in this segment.",
    )
    # Off in every format that imitates a company's coding round, where code is
    # never run; an online assessment or solo practice may turn it on.
    runnable = models.BooleanField(
        default=False,
        help_text="The pad's code may be run in the browser during this part.",
    )

    class Meta:
        ordering = ["format", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["format", "order"], name="segment_order_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=240),
                name="segment_minutes_1_240",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.minutes} min"


class SessionStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for the partner"
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class SessionState(models.TextChoices):
    """What became of a session, as every page, the API and the calendar say it:
    the booking's status, then what happened in its rounds and time."""

    PROPOSED = "proposed", "Waiting for the partner"
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    HELD = "held", "Held"
    MISSED = "missed", "Missed"
    CANCELLED = "cancelled", "Cancelled"


class MockSession(models.Model):
    """A mock interview between friends at a time both agreed on."""

    uid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Calendar UID."
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hosted_sessions",
    )
    format = models.ForeignKey(
        Format, on_delete=models.PROTECT, related_name="sessions"
    )
    # For a round of a loop: which segment of the loop format this session holds.
    loop_segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    swap = models.BooleanField(
        default=False, help_text="Two rounds: each person interviews the other."
    )
    starts_at = models.DateTimeField()
    # Derived from the format and swap mode; stored so overlap checks are one query.
    ends_at = models.DateTimeField()
    status = models.CharField(
        max_length=12, choices=SessionStatus.choices, default=SessionStatus.PROPOSED
    )
    # Rises on every change that calendars must see (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True, max_length=2000)
    call_link = models.URLField(
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text="Where the two talk: a Jitsi, Meet or Zoom address.",
    )
    # The round the room shows: the first, until a swap moves both to the next.
    current_round = models.PositiveSmallIntegerField(default=0)
    cancel_reason = models.TextField(blank=True, max_length=2000)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Booked by load_demo between the demo accounts: it never stands in the way of
    # a session someone books for real.
    is_demo = models.BooleanField(default=False)
    # One person practising alone (practice.SoloPractice holds the why): the room,
    # its clock, pads and replay, and none of the scheduling around a mock (no
    # partner, invitation, e-mail, calendar entry, feedback or busy time).
    is_solo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            # Upcoming sessions and overlap checks: by time, skipping cancelled ones.
            models.Index(fields=["status", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.format} at {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    def state_at(self, now: datetime) -> SessionState:
        """Derived from the rounds, never stored, so it cannot lag behind them: in
        progress once a round started, held once every round ended (or, if nobody
        pressed "End round", once a whole slot has passed after the end, when the
        pads close too), missed when its time passed with no round started."""
        if self.status != SessionStatus.SCHEDULED:
            return SessionState(self.status)
        rounds = list(self.rounds.all())
        if rounds and all(r.ended_at is not None for r in rounds):
            return SessionState.HELD
        if any(r.started_at is not None for r in rounds):
            if now >= self.ends_at + self.duration:
                return SessionState.HELD
            return SessionState.IN_PROGRESS
        if now >= self.ends_at:
            return SessionState.MISSED
        return SessionState.SCHEDULED


class ParticipantResponse(models.TextChoices):
    PENDING = "pending", "Not answered yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    PROPOSED = "proposed", "Proposed another time"


class Participant(models.Model):
    session = models.ForeignKey(
        MockSession, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participations",
        help_text="Empty while an e-mailed invitation waits for someone to sign up.",
    )
    email = models.EmailField(blank=True)
    is_host = models.BooleanField(default=False)
    response = models.CharField(
        max_length=10,
        choices=ParticipantResponse.choices,
        default=ParticipantResponse.PENDING,
    )
    proposed_starts_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="participant_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.email} in {self.session_id}"


class Invitation(models.Model):
    """A single-use way in to a session: a link to share, or one sent by e-mail."""

    session = models.ForeignKey(
        MockSession, on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True)
    email = models.EmailField(blank=True, help_text="Empty for a shareable link.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"Invitation to {self.session_id}"


class Round(models.Model):
    """One interviewer and one candidate going through the format's segments."""

    session = models.ForeignKey(
        MockSession, on_delete=models.CASCADE, related_name="rounds"
    )
    order = models.PositiveSmallIntegerField()
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds_as_interviewer",
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds_as_candidate",
    )
    # The round's clock, owned by the server (services.room_clock). Clients count
    # down from these and their measured offset to server time, so a reload, a
    # second tab or a restarted server shows the same clock.
    clock_version = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    running_since = models.DateTimeField(
        null=True, blank=True, help_text="When the current run began; empty if paused."
    )
    elapsed_before = models.DurationField(
        default=timedelta(0), help_text="Time run before the current run."
    )
    added_seconds = models.PositiveIntegerField(default=0)
    segment_index = models.PositiveSmallIntegerField(default=0)
    # Round time run when the current segment and phase began.
    segment_started_elapsed = models.DurationField(default=timedelta(0))
    segment_added_seconds = models.PositiveIntegerField(default=0)
    phase_index = models.PositiveSmallIntegerField(default=0)
    phase_started_elapsed = models.DurationField(default=timedelta(0))
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "order"], name="round_unique"),
        ]

    def __str__(self) -> str:
        return f"Round {self.order + 1} of {self.session_id}"


class RoundQuestion(models.Model):
    """A question the interviewer chose for a round. The candidate sees it only once
    revealed in the room."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    drawn_at_random = models.BooleanField(default=False)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "segment__order", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "segment", "position"], name="round_question_slot"
            ),
            models.UniqueConstraint(
                fields=["round", "question"], name="round_question_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.question}"


class AvailabilitySlot(models.Model):
    """A weekly window, in the owner's own time zone, in which friends may book."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(6)], help_text="0 is Monday."
    )
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        ordering = ["user", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="availability_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__lte=6), name="availability_weekday_0_6"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.weekday} {self.start_time}-{self.end_time}"


class SessionEvent(models.TextChoices):
    INVITED = "invited", "Invited"
    BOOKED = "booked", "Booked in free time"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    PROPOSED = "proposed", "Another time proposed"
    RESCHEDULED = "rescheduled", "Rescheduled"
    CANCELLED = "cancelled", "Cancelled"


class BookingLink(models.Model):
    """The secret address of a person's free times: whoever holds it may see them
    and book one. Renewing it makes the old address answer 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_link"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Booking link of {self.user}"


class CalendarFeed(models.Model):
    """A private, revocable URL that lists a person's sessions for calendar apps."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
