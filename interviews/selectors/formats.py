"""Formats a person may use: the built-in ones and their own."""

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from core.errors import ApplicationError
from core.validators import is_ascii_number
from interviews.models import Format, Segment
from users.models import User


def formats_for_user(*, user: User) -> QuerySet:
    return (
        Format.objects.filter(Q(owner__isnull=True) | Q(owner=user))
        # Solo practice's clocks are not formats to book a mock in.
        .filter(is_solo=False)
        .prefetch_related(
            Prefetch("segments", queryset=Segment.objects.order_by("order"))
        )
        .order_by(F("owner_id").asc(nulls_first=True), "name")
    )


def format_get_for_user(*, user: User, key: str | int) -> Format:
    """A format named by id or slug in someone's request; an unknown or another
    person's format is refused with a message."""
    key = str(key).strip()
    formats = formats_for_user(user=user)
    if is_ascii_number(key):
        found = formats.filter(pk=int(key)).first()
    else:
        # My own format first when a slug is both built in and mine.
        found = (
            formats.filter(slug=key)
            .order_by(F("owner_id").desc(nulls_last=True))
            .first()
        )
    if found is None:
        raise ApplicationError(
            f"Unknown format “{key}”; see /api/formats/ for the ones you can use.",
            field="format",
        )
    return found


def format_get_mine(*, user: User, format_id: int) -> Format:
    """A format of mine to change; another person's answers 404."""
    found = formats_for_user(user=user).filter(pk=format_id, owner=user).first()
    if found is None:
        raise Http404("No such format.")
    return found


def loop_segment_get(*, format: Format, number: int | None) -> Segment | None:
    """Round `number` (from 1) of a loop, as people count them."""
    if number is None:
        return None
    segments = list(format.segments.all())
    if not 1 <= number <= len(segments):
        raise ApplicationError(
            f"“{format.name}” has {len(segments)} round(s); pick one from 1.",
            field="loop_round",
        )
    return segments[number - 1]
