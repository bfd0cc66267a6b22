"""Reading one person's own work: progress, attempts, the review queue and lists.

Everything here answers for the person asking only: another person's progress or
personal list is never returned, and asking for one is a 404 (it may as well not
exist)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.http import Http404
from django.utils import timezone

from core.validators import is_ascii_number
from questions.models import (
    Attempt,
    Company,
    Progress,
    ProgressStatus,
    Question,
    QuestionList,
    QuestionListItem,
)
from questions.permissions import can_change_list, visible_lists_condition
from questions.services.progress import UNDO_SHOWN
from users.models import User

ATTEMPTS_SHOWN = 20


def question_get(*, slug: str) -> Question:
    """A question by slug, for anyone signed in (the bank is shared)."""
    question = Question.objects.filter(slug=slug).first()
    if question is None:
        raise Http404("No such question.")
    return question


def question_find(*, text: str) -> Question | None:
    """The question someone typed into an "add to list" box: its slug or its title."""
    text = text.strip()
    if not text:
        return None
    return (
        Question.objects.filter(slug=text).first()
        or Question.objects.filter(title__iexact=text).order_by("pk").first()
    )


# Progress ---------------------------------------------------------------------------
def progress_for_question(*, user: User, question: Question) -> Progress | None:
    return Progress.objects.filter(user=user, question=question).first()


def attempts_for_question(*, user: User, question: Question) -> list[Attempt]:
    return list(
        Attempt.objects.filter(progress__user=user, progress__question=question)[
            :ATTEMPTS_SHOWN
        ]
    )


def attempt_to_offer_undo(
    *, user: User, question: Question, attempt_id: int | None, now: dt.datetime
) -> Attempt | None:
    """The attempt just logged, if it is still mine, the latest on this question and
    recent enough to undo: the question page then shows "Undo"."""
    if attempt_id is None:
        return None
    latest = (
        Attempt.objects.filter(progress__user=user, progress__question=question)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None or latest.pk != attempt_id:
        return None
    return latest if now - latest.created_at <= UNDO_SHOWN else None


def progress_for_user(*, user: User) -> QuerySet:
    """My questions with any history: attempted, solved, or marked for review."""
    return (
        Progress.objects.filter(user=user)
        .exclude(status=ProgressStatus.NEW)
        .select_related("question")
        .annotate(attempt_count=Count("attempts"))
        .order_by("-last_attempt_at", "-updated_at", "pk")
    )


@dataclass(frozen=True)
class ReviewQueue:
    due: list[Progress]
    upcoming_count: int
    next_due_at: dt.datetime | None


def _end_of_day(*, user: User, now: dt.datetime) -> dt.datetime:
    zone = user.zone
    tomorrow = timezone.localdate(now, zone) + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time.min, tzinfo=zone)


def due_queue(*, user: User, now: dt.datetime) -> ReviewQueue:
    """What is due by the end of my today (in my time zone), most overdue first.

    A day's queue, as in Anki: a card due at 15:00 shows from the morning on, since
    reviewing a question is planned by the day, not the hour."""
    until = _end_of_day(user=user, now=now)
    mine = Progress.objects.filter(user=user, due_at__isnull=False)
    upcoming = mine.filter(due_at__gte=until).order_by("due_at")
    return ReviewQueue(
        due=list(
            mine.filter(due_at__lt=until)
            .select_related("question")
            .order_by("due_at", "pk")
        ),
        upcoming_count=upcoming.count(),
        next_due_at=upcoming.values_list("due_at", flat=True).first(),
    )


# Lists ------------------------------------------------------------------------------
def _visible_lists(user: User) -> QuerySet:
    return QuestionList.objects.filter(visible_lists_condition(user))


def lists_for_user(*, user: User) -> QuerySet:
    """Curated lists first, then mine, each with how many questions it holds."""
    return (
        _visible_lists(user)
        .annotate(item_count=Count("items"))
        .order_by(F("owner_id").asc(nulls_first=True), "name", "pk")
    )


def personal_lists_for_user(*, user: User) -> QuerySet:
    return QuestionList.objects.filter(owner=user).order_by("name", "pk")


def list_get_for_user(*, user: User, list_slug_or_id: int | str) -> QuestionList:
    """One list I may see: curated, or mine. A slug prefers my own list."""
    lists = _visible_lists(user).select_related("owner", "source")
    key = str(list_slug_or_id)
    if is_ascii_number(key):
        found = lists.filter(pk=int(key)).first()
    else:
        found = (
            lists.filter(owner=user, slug=key).first()
            or lists.filter(owner__isnull=True, slug=key).first()
        )
    if found is None:
        raise Http404("No such list.")
    return found


def list_can_change(*, user: User, question_list: QuestionList) -> bool:
    return can_change_list(user, question_list)


@dataclass(frozen=True)
class ListRow:
    item: QuestionListItem
    question: Question
    progress: Progress | None


def list_rows(*, user: User, question_list: QuestionList) -> list[ListRow]:
    """The questions of a list in order, each with my progress on it."""
    items = list(
        question_list.items.select_related("question").order_by("position", "pk")
    )
    mine = {
        progress.question_id: progress
        for progress in Progress.objects.filter(
            user=user, question_id__in=[item.question_id for item in items]
        )
    }
    return [ListRow(item, item.question, mine.get(item.question_id)) for item in items]


def question_personal_context(*, user: User, question: Question) -> dict:
    """What the question page shows of the reader's own work: progress, attempts,
    their lists, and the companies they may report."""
    return {
        "progress": progress_for_question(user=user, question=question),
        "attempts": attempts_for_question(user=user, question=question),
        "my_lists": list(personal_lists_for_user(user=user)),
        "companies": list(Company.objects.order_by("name")),
    }
