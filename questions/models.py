from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.validators import validate_one_line, validate_web_url


class RoundKind(models.TextChoices):
    CODING = "coding", "Coding"
    DESIGN = "design", "Object-oriented design"
    SYSTEM_DESIGN = "system_design", "System design"
    ML_SYSTEM_DESIGN = "ml_system_design", "ML system design"
    ML_CODING = "ml_coding", "ML coding"
    ML_FUNDAMENTALS = "ml_fundamentals", "ML fundamentals"
    BEHAVIORAL = "behavioral", "Behavioral"


class Difficulty(models.IntegerChoices):
    # Integers so that "order by difficulty" is an index scan, not a CASE expression.
    EASY = 1, "Easy"
    MEDIUM = 2, "Medium"
    HARD = 3, "Hard"

    @classmethod
    def from_name(cls, name: str) -> "Difficulty":
        return cls[name.strip().upper()]

    @property
    def slug(self) -> str:
        return self.name.lower()


class Window(models.TextChoices):
    """How recently a company asked a question, as community lists bucket it."""

    DAYS_30 = "30d", "Last 30 days"
    MONTHS_3 = "3m", "Last 3 months"
    MONTHS_6 = "6m", "Last 6 months"
    OLDER = "older", "More than 6 months ago"
    ALL = "all", "All time"


class Source(models.Model):
    """Where imported data came from; shown with its licence wherever it appears."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200, validators=[validate_one_line])
    url = models.URLField(blank=True, validators=[validate_web_url])
    license = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.name


class Company(models.Model):
    name = models.CharField(max_length=120, unique=True, validators=[validate_one_line])
    slug = models.SlugField(max_length=120, unique=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names lists use, e.g. Facebook."
    )
    loop_notes = models.TextField(blank=True, help_text="Markdown: the interview loop.")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    name = models.CharField(max_length=120, unique=True, validators=[validate_one_line])
    slug = models.SlugField(max_length=120, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names lists use for this topic, e.g. Trees for Binary trees. "
        "Imports file them here, and topics already named so are merged into it.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Paths under /questions/ and /api/questions/ that are pages, not questions.
RESERVED_QUESTION_SLUGS = frozenset(
    {"due", "progress", "lists", "facets", "random", "summary"}
)


def validate_question_slug(value: str) -> None:
    if value in RESERVED_QUESTION_SLUGS:
        raise ValidationError(
            "“%(value)s” is the address of a page; choose another slug.",
            params={"value": value},
        )


class QuestionQuerySet(models.QuerySet):
    def sync_topic_names(self) -> int:
        """Question.sync_topic_names for every question here at once, as an import
        changes thousands: one read of their topics, one update of those whose
        text changed. Returns how many changed."""
        names: dict[int, list[str]] = {}
        links = Question.topics.through.objects.filter(question__in=self)
        for question_id, name in links.values_list("question_id", "topic__name"):
            names.setdefault(question_id, []).append(name)
        changed = []
        for question in self.only("pk", "topic_names"):
            text = " ".join(sorted(names.get(question.pk, [])))
            if text != question.topic_names:
                question.topic_names = text
                changed.append(question)
        self.model.objects.bulk_update(changed, ["topic_names"], batch_size=500)
        return len(changed)


class Question(models.Model):
    slug = models.SlugField(
        max_length=200, unique=True, validators=[validate_question_slug]
    )
    title = models.CharField(max_length=300, validators=[validate_one_line])
    kind = models.CharField(max_length=20, choices=RoundKind.choices)
    # Empty when no source gave one (hxu296's long form has none): a guess would
    # put questions under a difficulty filter they may not belong to.
    difficulty = models.PositiveSmallIntegerField(
        choices=Difficulty.choices, null=True, blank=True
    )
    statement = models.TextField(blank=True, help_text="Markdown shown to candidates.")
    link = models.URLField(
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text="For link-only questions: the source.",
    )
    hints = models.JSONField(default=list, blank=True)
    solution_outline = models.TextField(blank=True)
    follow_ups = models.JSONField(default=list, blank=True)
    expected_complexity = models.CharField(max_length=200, blank=True)
    # What 'Run examples' checks the pad against: {"function": name, "cases":
    # [{"args": [...], "expected": ...}]} (questions/bank/FORMAT.md); {} for none.
    examples = models.JSONField(default=dict, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    topics = models.ManyToManyField(Topic, related_name="questions", blank=True)
    # Kept in step with `topics` by the services, so full-text search reads one row.
    topic_names = models.TextField(blank=True, editable=False)
    # The latest day any company was reported to ask it: "order by most recently asked".
    last_asked_on = models.DateField(null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_questions",
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [
            # Browse: kind + difficulty filters and their count, ordered by title,
            # answered from the index alone. On PostgreSQL, migration 0005 rebuilt it
            # with INCLUDE (topic_ids): a migration that recreates it must keep that.
            models.Index(
                fields=["kind", "difficulty", "title", "id"],
                name="question_kind_diff_title_id",
            ),
            # Company list, deep pages: a title by id without the wide row.
            models.Index(fields=["id", "title"], name="question_id_title"),
            models.Index(fields=["difficulty", "title"]),
            models.Index(fields=["title"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(statement="") | ~models.Q(link=""),
                name="question_has_statement_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def sync_topic_names(self) -> None:
        """Copy topic names into the searchable text; call after changing topics."""
        names = " ".join(sorted(self.topics.values_list("name", flat=True)))
        if names != self.topic_names:
            self.topic_names = names
            self.save(update_fields=["topic_names"])

    @property
    def is_link_only(self) -> bool:
        return not self.statement and bool(self.link)

    @property
    def difficulty_slug(self) -> str | None:
        return Difficulty(self.difficulty).slug if self.difficulty else None

    @property
    def difficulty_label(self) -> str:
        return self.get_difficulty_display() if self.difficulty else "Unrated"


class CompanyTag(models.Model):
    """How often a company asked a question within a time window."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="company_tags"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="tags")
    window = models.CharField(max_length=8, choices=Window.choices)
    frequency = models.FloatField(
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="0–100; lists scale it so the most asked question is 100.",
    )
    last_seen_on = models.DateField(null=True, blank=True)
    is_sample = models.BooleanField(
        default=False, help_text="Invented for the demo, not reported by anyone."
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "company", "window"], name="company_tag_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__gte=0, frequency__lte=100),
                name="company_tag_frequency_0_100",
            ),
        ]
        indexes = [
            # "Meta, last six months, most asked first", with the question so the
            # page and its count come from the index alone.
            models.Index(
                fields=["company", "window", "-frequency", "question"],
                name="companytag_company_window_freq",
            ),
            # "Any company, last six months, most asked first".
            models.Index(fields=["window", "-frequency"]),
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.question} · {self.window}"


class AskedReport(models.Model):
    """A signed-in user's report that a company asked a question; feeds the tags."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asked_reports"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="asked_reports"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE)
    asked_on = models.DateField()
    round_kind = models.CharField(max_length=20, choices=RoundKind.choices)
    level = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_one_line],
        help_text="E.g. E5, L4, senior.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-asked_on"]
        indexes = [models.Index(fields=["question", "company", "asked_on"])]

    def __str__(self) -> str:
        return f"{self.company} asked {self.question} on {self.asked_on}"


class QuestionList(models.Model):
    """A curated roadmap (no owner) or a person's own list."""

    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200, validators=[validate_one_line])
    description = models.TextField(blank=True, max_length=2000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="question_lists",
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    questions = models.ManyToManyField(
        Question, through="QuestionListItem", related_name="lists"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(owner__isnull=True),
                name="curated_list_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["owner", "slug"], name="personal_list_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_curated(self) -> bool:
        return self.owner_id is None


class QuestionListItem(models.Model):
    question_list = models.ForeignKey(
        QuestionList, on_delete=models.CASCADE, related_name="items"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    section = models.CharField(max_length=120, blank=True, help_text="E.g. Week 1.")

    class Meta:
        ordering = ["question_list", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_list", "question"], name="list_item_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_list} #{self.position}"


class ProgressStatus(models.TextChoices):
    NEW = "new", "New"
    ATTEMPTED = "attempted", "Attempted"
    SOLVED = "solved", "Solved"
    NEEDS_REVIEW = "needs_review", "Needs review"


class Progress(models.Model):
    """One person's history with one question, and its spaced-repetition card."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(
        max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NEW
    )
    marked_for_review = models.BooleanField(default=False)
    card = models.JSONField(default=dict, blank=True, help_text="FSRS card state.")
    due_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "progress"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question"], name="progress_unique"
            ),
        ]
        indexes = [
            # "Due today": a person's cards ordered by due time.
            models.Index(fields=["user", "due_at"]),
            # "Not yet solved by me" and status facets.
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.question} · {self.status}"


class AttemptOutcome(models.TextChoices):
    SOLVED = "solved", "Solved on my own"
    SOLVED_WITH_HELP = "solved_with_help", "Solved with hints or a peek"
    NOT_SOLVED = "not_solved", "Not solved"


class ReviewRating(models.IntegerChoices):
    # The four FSRS ratings, numbered as the fsrs package numbers them.
    AGAIN = 1, "Again"
    HARD = 2, "Hard"
    GOOD = 3, "Good"
    EASY = 4, "Easy"


class Attempt(models.Model):
    progress = models.ForeignKey(
        Progress, on_delete=models.CASCADE, related_name="attempts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    minutes_planning = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    minutes_coding = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    outcome = models.CharField(max_length=20, choices=AttemptOutcome.choices)
    rating = models.PositiveSmallIntegerField(
        choices=ReviewRating.choices, null=True, blank=True
    )
    note = models.TextField(blank=True, max_length=5000)
    # The progress as it was before this attempt, so that "Undo" can put it back
    # exactly; empty when there was no progress row yet.
    progress_before = models.JSONField(default=dict, blank=True, editable=False)
    # The person's own date when it was logged, kept as it was then: a later change
    # of time zone must not move a practice day, or count one twice
    # (practice.selectors.habit, docs/practice.md "Habit").
    day = models.DateField(editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.progress} · {self.outcome}"


class ImportRun(models.Model):
    """One import of a question file or folder, with its progress and final report."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Refused"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"
