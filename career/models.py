"""Career prep for the real search: a story bank (STAR with numbers, tagged with
the behavioral rubric's competencies), the stories picked and told in mock rounds,
a brag document with its weekly reminder, and the real interview loops with their
stages and the write-up after each (docs/career.md).

Everything here is its owner's alone: selectors answer 404 to anyone else."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from interviews.models import Round
from questions.models import Company, Question, RoundKind

# Lengths: long enough for a full STAR answer, short enough to be read aloud.
TITLE_MAX = 200
LINE_MAX = 300
TEXT_MAX = 5000
NOTES_MAX = 10000


class Story(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories"
    )
    title = models.CharField(max_length=TITLE_MAX)
    situation = models.TextField(blank=True, max_length=TEXT_MAX)
    task = models.TextField(blank=True, max_length=TEXT_MAX)
    action = models.TextField(blank=True, max_length=TEXT_MAX)
    result = models.TextField(blank=True, max_length=TEXT_MAX)
    reflection = models.TextField(blank=True, max_length=TEXT_MAX)
    # Keys of the behavioral rubric's criteria (checked by the services against
    # the current rubric): the competencies this story shows.
    competencies = models.JSONField(default=list, blank=True)
    questions = models.ManyToManyField(
        Question, blank=True, related_name="+", limit_choices_to={"kind": "behavioral"}
    )
    # The brag entry it was started from, if any.
    brag_entry = models.ForeignKey(
        "BragEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class StoryTold(models.Model):
    """A story the candidate picked to tell in a mock round, and when it was told.
    Deleting the story deletes this row only: the round's scorecards keep what
    they say."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="told")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    picked_at = models.DateTimeField(auto_now_add=True)
    told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["picked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "round"], name="story_told_once"),
        ]

    def __str__(self) -> str:
        return f"{self.story} in round {self.round_id}"


class BragEntry(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="brag_entries"
    )
    day = models.DateField()
    what = models.TextField(max_length=TEXT_MAX)
    impact = models.TextField(blank=True, max_length=TEXT_MAX)
    seen_by = models.CharField(max_length=LINE_MAX, blank=True)
    # Web addresses (http/https only), one per item.
    links = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name_plural = "brag entries"
        # The brag document: one person's entries, newest day first.
        indexes = [models.Index(fields=["owner", "day"])]

    def __str__(self) -> str:
        return f"{self.day}: {self.what[:40]}"


class BragSettings(models.Model):
    """The weekly reminder to write in the brag document: off unless asked for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="brag_settings",
    )
    reminder_on = models.BooleanField(default=False)
    # Monday is 0, as date.weekday() counts; the hour is in the person's zone.
    weekday = models.PositiveSmallIntegerField(
        default=4, validators=[MaxValueValidator(6)]
    )
    hour = models.PositiveSmallIntegerField(
        default=16, validators=[MaxValueValidator(23)]
    )

    class Meta:
        verbose_name_plural = "brag settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__lte=6, hour__lte=23),
                name="brag_reminder_weekday_hour",
            ),
        ]

    def __str__(self) -> str:
        return f"Brag settings of {self.user_id}"


class RealInterview(models.Model):
    """One company's loop in the real search."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="real_interviews",
    )
    # A company of the bank when there is one (its questions can then be reported
    # as asked there); the name as the person wrote it otherwise.
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company_name = models.CharField(max_length=120)
    role = models.CharField(max_length=LINE_MAX, blank=True)
    level = models.CharField(max_length=40, blank=True)
    # Similar companies share a group the person names ("LeetCode-heavy"): the
    # timeline warns when a group's loops spread too far apart.
    group = models.CharField(max_length=60, blank=True)
    notes = models.TextField(blank=True, max_length=NOTES_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["company_name", "pk"]

    def __str__(self) -> str:
        return f"{self.company_name} {self.role}".strip()


class StageOutcome(models.TextChoices):
    PENDING = "pending", "Waiting"
    PASSED = "passed", "Passed"
    REJECTED = "rejected", "Rejected"
    OFFER = "offer", "Offer"
    WITHDRAWN = "withdrawn", "Withdrawn"


STAGE_FORMATS = [*RoundKind.choices, ("other", "Other (recruiter call, chat)")]


class InterviewStage(models.Model):
    interview = models.ForeignKey(
        RealInterview, on_delete=models.CASCADE, related_name="stages"
    )
    format = models.CharField(max_length=20, choices=STAGE_FORMATS)
    starts_at = models.DateTimeField()
    # The zone the stage was given in: its date and hour are shown in it.
    time_zone = models.CharField(max_length=64)
    outcome = models.CharField(
        max_length=12, choices=StageOutcome.choices, default=StageOutcome.PENDING
    )
    # The write-up, after the stage: the bank's questions that were asked (each
    # also an "asked at" report), a self-assessment on the format's rubric
    # ({criterion key: 1-4}), the competencies to practise next (criterion keys of
    # that rubric, read by the study plan) and notes.
    questions_asked = models.ManyToManyField(Question, blank=True, related_name="+")
    self_ratings = models.JSONField(default=dict, blank=True)
    practise_next = models.JSONField(default=list, blank=True)
    write_up = models.TextField(blank=True, max_length=NOTES_MAX)
    written_up_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        # The timeline: one person's stages in time order.
        indexes = [models.Index(fields=["interview", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} at {self.interview}"
