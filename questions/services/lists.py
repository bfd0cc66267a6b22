"""Question lists: people change their own; curated lists (no owner) are read-only."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify

from core.errors import ApplicationError
from core.validators import clean_one_line
from questions.models import (
    Question,
    QuestionList,
    QuestionListItem,
)
from users.models import User


def _ensure_editable(*, user: User, question_list: QuestionList) -> None:
    if question_list.is_curated:
        raise ApplicationError(
            f"“{question_list.name}” is a curated list and cannot be changed; "
            "make a list of your own instead."
        )
    if question_list.owner_id != user.pk:
        raise ApplicationError("You can only change your own lists.")


# A description is a few lines about a list, shown on its page.
MAX_DESCRIPTION = 2000


def _clean_list_name(name: str) -> str:
    name = clean_one_line(name, field="name", limit=200)
    if not name:
        raise ApplicationError("Give the list a name.", field="name")
    return " ".join(name.split())


def _clean_description(description: str) -> str:
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise ApplicationError(
            f"Keep the description under {MAX_DESCRIPTION} characters.",
            field="description",
        )
    return description


def _ensure_name_free(*, owner: User, name: str, exclude_pk: int | None = None) -> None:
    taken = QuestionList.objects.filter(owner=owner, name__iexact=name)
    if taken.exclude(pk=exclude_pk).exists():
        raise ApplicationError(f"You already have a list named “{name}”.", field="name")


def _free_slug(*, owner: User, name: str) -> str:
    base = slugify(name)[:100] or "list"
    taken = set(
        QuestionList.objects.filter(owner=owner, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def list_create(*, owner: User, name: str, description: str = "") -> QuestionList:
    name = _clean_list_name(name)
    description = _clean_description(description)
    _ensure_name_free(owner=owner, name=name)
    return QuestionList.objects.create(
        owner=owner,
        name=name,
        slug=_free_slug(owner=owner, name=name),
        description=description,
    )


@transaction.atomic
def list_update(
    *,
    user: User,
    question_list: QuestionList,
    name: str | None = None,
    description: str | None = None,
) -> QuestionList:
    _ensure_editable(user=user, question_list=question_list)
    if name is not None:
        name = _clean_list_name(name)
        _ensure_name_free(owner=user, name=name, exclude_pk=question_list.pk)
        question_list.name = name
    if description is not None:
        question_list.description = _clean_description(description)
    question_list.save(update_fields=["name", "description"])
    return question_list


@transaction.atomic
def list_delete(*, user: User, question_list: QuestionList) -> None:
    _ensure_editable(user=user, question_list=question_list)
    question_list.delete()


def _items_locked(question_list: QuestionList) -> list[QuestionListItem]:
    # The list row is the lock: items added or moved at once get distinct positions.
    QuestionList.objects.select_for_update().get(pk=question_list.pk)
    return list(question_list.items.select_related("question").order_by("position"))


def _apply_order(items: Sequence[QuestionListItem]) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position
    QuestionListItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def list_add_question(
    *, user: User, question_list: QuestionList, question: Question
) -> QuestionListItem:
    _ensure_editable(user=user, question_list=question_list)
    items = _items_locked(question_list)
    if any(item.question_id == question.pk for item in items):
        raise ApplicationError(
            f"“{question.title}” is already in “{question_list.name}”."
        )
    last = max((item.position for item in items), default=0)
    return QuestionListItem.objects.create(
        question_list=question_list, question=question, position=last + 1
    )


@transaction.atomic
def list_remove_question(
    *, user: User, question_list: QuestionList, question: Question
) -> None:
    _ensure_editable(user=user, question_list=question_list)
    items = _items_locked(question_list)
    kept = [item for item in items if item.question_id != question.pk]
    if len(kept) == len(items):
        raise ApplicationError(f"“{question.title}” is not in “{question_list.name}”.")
    QuestionListItem.objects.filter(
        question_list=question_list, question=question
    ).delete()
    _apply_order(kept)


@transaction.atomic
def list_reorder(
    *, user: User, question_list: QuestionList, question_slugs: Sequence[str]
) -> list[QuestionListItem]:
    """Put the list in the given order; it must name every question exactly once."""
    _ensure_editable(user=user, question_list=question_list)
    items = _items_locked(question_list)
    by_slug = {item.question.slug: item for item in items}
    if len(question_slugs) != len(items) or set(question_slugs) != set(by_slug):
        raise ApplicationError(
            "The new order must name each question of the list exactly once.",
            field="questions",
        )
    ordered = [by_slug[slug] for slug in question_slugs]
    _apply_order(ordered)
    return ordered


@transaction.atomic
def list_move_question(
    *, user: User, question_list: QuestionList, question: Question, offset: int
) -> list[QuestionListItem]:
    """Move one question up (negative offset) or down; it stops at either end.
    Answers the items in their new order."""
    _ensure_editable(user=user, question_list=question_list)
    items = _items_locked(question_list)
    index = next(
        (i for i, item in enumerate(items) if item.question_id == question.pk), None
    )
    if index is None:
        raise ApplicationError(f"“{question.title}” is not in “{question_list.name}”.")
    target = min(max(index + offset, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    _apply_order(items)
    return items
