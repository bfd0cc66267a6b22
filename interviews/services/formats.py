"""Custom formats: a person's own ordered segments. Built-in formats are read-only
here (an admin edits them in the admin)."""

from collections.abc import Iterable
from typing import TypedDict

from django.db import transaction
from django.utils.text import slugify

from core.errors import ApplicationError
from core.validators import clean_one_line
from interviews.models import ASKING_KINDS, Format, Segment, SegmentKind
from users.models import User

MAX_SEGMENTS = 12
# A session is at most this long per round (swap mode doubles it).
MAX_TOTAL_MINUTES = 240
MAX_QUESTIONS = 5


class SegmentInput(TypedDict, total=False):
    kind: str
    minutes: int
    questions: int
    runnable: bool


# Parts whose code may be run in the browser, when the format says so.
RUNNABLE_KINDS = {SegmentKind.CODING, SegmentKind.ML_CODING, SegmentKind.DESIGN}


def _clean_name(name: str) -> str:
    name = clean_one_line(name, field="name", limit=200)
    if not name:
        raise ApplicationError("Give the format a name.", field="name")
    return " ".join(name.split())


def _clean_segments(segments: Iterable[SegmentInput]) -> list[SegmentInput]:
    segments = list(segments)
    if not segments:
        raise ApplicationError("A format needs at least one segment.", field="segments")
    if len(segments) > MAX_SEGMENTS:
        raise ApplicationError(
            f"A format has at most {MAX_SEGMENTS} segments.", field="segments"
        )
    cleaned = []
    for number, segment in enumerate(segments, start=1):
        kind, minutes = segment.get("kind"), segment.get("minutes")
        questions = segment.get("questions") or 0
        if kind not in SegmentKind.values:
            raise ApplicationError(
                f"Segment {number}: unknown kind “{kind}”; use "
                + ", ".join(SegmentKind.values)
                + ".",
                field="segments",
            )
        label = SegmentKind(kind).label.lower()
        if not isinstance(minutes, int) or not 1 <= minutes <= MAX_TOTAL_MINUTES:
            raise ApplicationError(
                f"Segment {number} ({label}): give from 1 to {MAX_TOTAL_MINUTES} "
                "minutes.",
                field="segments",
            )
        if not isinstance(questions, int) or not 0 <= questions <= MAX_QUESTIONS:
            raise ApplicationError(
                f"Segment {number} ({label}): from 0 to {MAX_QUESTIONS} questions.",
                field="segments",
            )
        if questions and kind not in ASKING_KINDS:
            raise ApplicationError(
                f"Segment {number} ({label}) is talk, not questions from the bank: "
                "set its questions to 0.",
                field="segments",
            )
        runnable = segment.get("runnable") or False
        if not isinstance(runnable, bool):
            raise ApplicationError(
                f"Segment {number} ({label}): runnable is true or false.",
                field="segments",
            )
        if runnable and kind not in RUNNABLE_KINDS:
            raise ApplicationError(
                f"Segment {number} ({label}) has no code to run: only coding, "
                "ML coding and design parts may be runnable.",
                field="segments",
            )
        cleaned.append(
            {
                "kind": kind,
                "minutes": minutes,
                "questions": questions,
                "runnable": runnable,
            }
        )
    total = sum(each["minutes"] for each in cleaned)
    if total > MAX_TOTAL_MINUTES:
        raise ApplicationError(
            f"The segments add up to {total} minutes; keep a format within "
            f"{MAX_TOTAL_MINUTES}.",
            field="segments",
        )
    return cleaned


def _ensure_name_free(*, owner: User, name: str, exclude: Format | None) -> None:
    taken = Format.objects.filter(owner=owner, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ApplicationError(
            f"You already have a format named “{name}”.", field="name"
        )


def _free_slug(*, owner: User, name: str) -> str:
    base = slugify(name)[:100] or "format"
    taken = set(
        Format.objects.filter(owner=owner, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _segments_write(format: Format, segments: list[SegmentInput]) -> None:
    format.segments.all().delete()
    Segment.objects.bulk_create(
        Segment(format=format, order=order, **segment)
        for order, segment in enumerate(segments)
    )


def _ensure_mine(*, format: Format, by: User) -> None:
    if format.owner_id is None:
        raise ApplicationError(
            f"“{format.name}” is built in and cannot be changed; make a format of "
            "your own instead."
        )
    if format.owner_id != by.pk:
        raise ApplicationError("You can only change your own formats.")


@transaction.atomic
def format_create(
    *,
    owner: User,
    name: str,
    segments: Iterable[SegmentInput],
    description: str = "",
) -> Format:
    name = _clean_name(name)
    segments = _clean_segments(segments)
    _ensure_name_free(owner=owner, name=name, exclude=None)
    format = Format.objects.create(
        owner=owner,
        name=name,
        slug=_free_slug(owner=owner, name=name),
        description=(description or "").strip()[:2000],
    )
    _segments_write(format, segments)
    return format


@transaction.atomic
def format_update(
    *,
    format: Format,
    by: User,
    name: str,
    segments: Iterable[SegmentInput],
    description: str = "",
) -> Format:
    """Rename or re-plan a format of mine. Once a session uses it, its segments
    stay as they were (the session's times and chosen questions hang on them)."""
    _ensure_mine(format=format, by=by)
    format = Format.objects.select_for_update().get(pk=format.pk)
    name = _clean_name(name)
    segments = _clean_segments(segments)
    _ensure_name_free(owner=by, name=name, exclude=format)
    current = list(format.segments.values("kind", "minutes", "questions", "runnable"))
    if segments != current:
        if format.sessions.exists():
            raise ApplicationError(
                f"“{format.name}” is used by a session, so its segments stay as "
                "they are. Make a new format instead.",
                field="segments",
            )
        _segments_write(format, segments)
    format.name, format.description = name, (description or "").strip()[:2000]
    format.save(update_fields=["name", "description"])
    return format


@transaction.atomic
def format_delete(*, format: Format, by: User) -> None:
    _ensure_mine(format=format, by=by)
    if format.sessions.exists():
        raise ApplicationError(
            f"“{format.name}” is used by a session and stays; you can rename it."
        )
    format.delete()
