"""Practising alone, every day: a question on the room's clock for one person, the
nudges it gave, today's set of questions, and what a person aims for (companies and
round kinds, questions a day, days a week, the hour of their digest).

A solo practice is a solo `MockSession` with one round: the room, its clock, pads,
board, runs and replay are the mock's own, and this row says which question, when
its answers were opened and which attempt it logged (docs/practice.md)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from interviews.models import MockSession
from questions.models import Attempt, Company, Question


class PracticeSettings(models.Model):
    """What a person practises towards; made with the defaults on first use."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="practice_settings",
    )
    target_companies = models.ManyToManyField(Company, blank=True, related_name="+")
    # RoundKind values; empty means every kind.
    target_kinds = models.JSONField(default=list, blank=True)
    # Seed 000: two or three problems a session.
    set_size = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(2), MaxValueValidator(3)]
    )
    # Seed 000: four or five sessions a week.
    weekly_goal_days = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    # The hour (0-23, in the person's own time zone) of the daily digest of due
    # reviews; empty when they did not ask for it.
    digest_hour = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(23)]
    )

    class Meta:
        verbose_name_plural = "practice settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(set_size__gte=2, set_size__lte=3),
                name="practice_set_size_2_3",
            ),
            models.CheckConstraint(
                condition=models.Q(weekly_goal_days__gte=1, weekly_goal_days__lte=7),
                name="practice_weekly_goal_1_7",
            ),
            models.CheckConstraint(
                condition=models.Q(digest_hour__isnull=True)
                | models.Q(digest_hour__gte=0, digest_hour__lte=23),
                name="practice_digest_hour_0_23",
            ),
        ]

    def __str__(self) -> str:
        return f"Practice settings of {self.user_id}"


class DailySet(models.Model):
    """Today's questions for one person, on their own calendar day: built once a day
    and kept, so a reload or a second tab shows the same set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_sets"
    )
    day = models.DateField(help_text="The person's own date when it was built.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="daily_set_per_day"),
        ]

    def __str__(self) -> str:
        return f"Set of {self.user_id} for {self.day}"


class DailySetItem(models.Model):
    daily_set = models.ForeignKey(
        DailySet, on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    # Why it is in the set, as the page says it ("due for review", ...).
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["daily_set", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["daily_set", "position"], name="daily_set_item_position"
            ),
            models.UniqueConstraint(
                fields=["daily_set", "question"], name="daily_set_item_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.daily_set} #{self.position}"


class AnswersOpened(models.TextChoices):
    TIME_BOX = "time_box", "After the time box"
    GAVE_UP = "gave_up", "Gave up"


class SoloPractice(models.Model):
    """One question practised alone, in the room of a solo session."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="solo_practices",
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    session = models.OneToOneField(
        MockSession, on_delete=models.CASCADE, related_name="solo_practice"
    )
    daily_set_item = models.ForeignKey(
        DailySetItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    # Minutes to find the idea before the answers may be opened (seed 000: 20-30).
    time_box_minutes = models.PositiveSmallIntegerField()
    answers_opened_at = models.DateTimeField(null=True, blank=True)
    answers_opened_because = models.CharField(
        max_length=10, choices=AnswersOpened.choices, blank=True
    )
    # The outline is opened on its own: a hint taken at 25 minutes opens the
    # answers without it.
    outline_opened_at = models.DateTimeField(null=True, blank=True)
    # Logged once, when the person ends: "I'm done" twice records one attempt.
    attempt = models.OneToOneField(
        Attempt,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solo_practice",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "question"], name="solo_user_question")]

    def __str__(self) -> str:
        return f"Solo practice {self.pk} of {self.user_id}"


class NudgeName(models.TextChoices):
    FIRST_HINT = "first_hint", "25 minutes without code: the first hint is offered"
    OUTLINE = "outline", "30 minutes: the outline is offered"
    CODING_LONG = "coding_long", "Coding for more than 10 minutes"


class PracticeNudge(models.Model):
    """A nudge the clock gave, logged the first time it was shown: it is shown once."""

    practice = models.ForeignKey(
        SoloPractice, on_delete=models.CASCADE, related_name="nudges"
    )
    name = models.CharField(max_length=12, choices=NudgeName.choices)
    shown_at = models.DateTimeField()
    elapsed = models.DurationField(help_text="The round's clock when it was shown.")

    class Meta:
        ordering = ["practice", "shown_at"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "name"], name="nudge_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} in {self.practice_id}"
