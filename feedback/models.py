"""Structured feedback on a round: rubrics per round kind (versioned data), the
interviewer's scorecard and the candidate's self-assessment, each rating the rubric's
criteria on a 1-4 scale with a written description of every level."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from interviews.models import ASKING_KINDS, Round, RoundQuestion, SegmentKind

SCALE = (1, 2, 3, 4)
RUBRIC_KINDS = [
    (kind.value, kind.label) for kind in SegmentKind if kind in ASKING_KINDS
]


class Recommendation(models.TextChoices):
    # No neutral option, as at the companies whose loops we practise.
    STRONG_NO_HIRE = "strong_no_hire", "Strong no hire"
    NO_HIRE = "no_hire", "No hire"
    HIRE = "hire", "Hire"
    STRONG_HIRE = "strong_hire", "Strong hire"


class LevelSignal(models.TextChoices):
    BELOW = "below", "Below the level aimed for"
    AT = "at", "At the level aimed for"
    ABOVE = "above", "Above the level aimed for"


class Rubric(models.Model):
    """The criteria a round of one kind is judged on. A rubric that feedback was
    written on is never changed: an edit is a new version, and each scorecard keeps
    the version it was written on."""

    kind = models.CharField(max_length=20, choices=RUBRIC_KINDS)
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="rubric_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Criterion(models.Model):
    """One competency of a rubric, with what a 1, 2, 3 and 4 look like. `key` names
    the competency across versions, so progress over time survives an edit."""

    rubric = models.ForeignKey(
        Rubric, on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=120)
    level_1 = models.TextField("1 looks like")
    level_2 = models.TextField("2 looks like")
    level_3 = models.TextField("3 looks like")
    level_4 = models.TextField("4 looks like")

    class Meta:
        ordering = ["rubric", "order"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["rubric", "key"], name="criterion_key"),
            models.UniqueConstraint(fields=["rubric", "order"], name="criterion_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def levels(self) -> list[str]:
        return [self.level_1, self.level_2, self.level_3, self.level_4]


class Scorecard(models.Model):
    """The interviewer's feedback on a round. A draft until submitted; a submitted
    one is never edited: a correction is the next version, and the old one stays."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="scorecards"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scorecards_given",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scorecards_received",
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(default=1)
    recommendation = models.CharField(
        max_length=16, choices=Recommendation.choices, blank=True
    )
    level_signal = models.CharField(
        max_length=8, choices=LevelSignal.choices, blank=True
    )
    strengths = models.TextField(blank=True, max_length=5000)
    improvements = models.TextField(blank=True, max_length=5000)
    # The interviewer's working notes, prefilled from the room's private notes.
    notes = models.TextField(blank=True, max_length=20000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "version"], name="scorecard_version_once"
            ),
            # At most one draft of a round's scorecard at a time.
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(submitted_at__isnull=True),
                name="scorecard_one_draft",
            ),
        ]
        indexes = [models.Index(fields=["subject", "submitted_at"])]

    def __str__(self) -> str:
        return f"Scorecard v{self.version} of {self.round}"


class SelfAssessment(models.Model):
    """The candidate's own account of a round, written before reading the scorecard.
    Skipping it is an answer too: it opens the scorecard without ratings."""

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="self_assessment"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="self_assessments",
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="+")
    went_well = models.TextField(blank=True, max_length=5000)
    went_badly = models.TextField(blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Self-assessment of {self.round}"

    @property
    def done(self) -> bool:
        return self.submitted_at is not None


class RatingBase(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    # Empty in a draft; submitting needs every criterion rated.
    score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[-1])],
    )
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.criterion} rated {self.score or '-'}"


class ScorecardRating(RatingBase):
    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="ratings"
    )

    class Meta:
        ordering = ["scorecard", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"], name="scorecard_rating_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=1, score__lte=4),
                name="scorecard_rating_scale",
            ),
        ]


class SelfRating(RatingBase):
    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="ratings"
    )

    class Meta:
        ordering = ["self_assessment", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "criterion"], name="self_rating_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=1, score__lte=4),
                name="self_rating_scale",
            ),
        ]


class QuestionNote(models.Model):
    """What the candidate did on one question of the round, in the scorecard."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="question_notes"
    )
    round_question = models.ForeignKey(
        RoundQuestion, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(blank=True, max_length=5000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "round_question"], name="question_note_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Note on {self.round_question_id} in {self.scorecard_id}"


class FeedbackNoticeKind(models.TextChoices):
    READY = "ready", "Your partner's feedback is ready"
    REMINDER = "reminder", "Reminder to write your feedback"


class StudyPlan(models.Model):
    """What a candidate's weekly plan is built from: the hours they have, and the
    companies they aim at (the plan links those companies' questions first)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_plan"
    )
    hours_per_week = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(80)]
    )
    companies = models.ManyToManyField(
        "questions.Company", blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=1, hours_per_week__lte=80),
                name="study_plan_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"Study plan of {self.user_id}"


class InterviewerFeedback(models.Model):
    """The candidate's rating of how the round was run, on the fixed short rubric of
    feedback.round_run. It is about the interviewer, never the candidate: no score
    or plan reads it. Written once, whole; the interviewer reads it only after
    submitting their scorecard (feedback.permissions)."""

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="interviewer_feedback"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interviewer_feedback_given",
    )
    # Kept apart from round.interviewer (which empties when an account goes), so a
    # trend stays the interviewer's.
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interviewer_feedback_received",
    )
    # {criterion key: 1-4} for every criterion of feedback.round_run.CRITERIA.
    ratings = models.JSONField()
    comment = models.TextField(blank=True, max_length=2000)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at"]
        # The "Feedback you gave" trend: one interviewer's, oldest first.
        indexes = [models.Index(fields=["interviewer", "submitted_at"])]

    def __str__(self) -> str:
        return f"How {self.round} was run"
