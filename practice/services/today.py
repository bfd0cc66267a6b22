"""Building today's set: once a day per person, on their own calendar day."""

import datetime as dt

from django.db import IntegrityError, transaction

from core.errors import ApplicationError
from practice.models import DailySet, DailySetItem, SoloPractice
from practice.selectors.today import (
    SET_SIZES,
    local_day,
    practice_target,
    todays_picks,
)
from users.models import User


def _validate_size(size: int | None) -> None:
    if size not in SET_SIZES:
        raise ApplicationError("Choose two or three questions.", field="size")


def daily_set_build(
    *, user: User, size: int | None, now: dt.datetime, rebuild: bool = False
) -> DailySet:
    """Today's set of `size` questions (their practice settings' size when None),
    built the first time it is asked for on the person's day and kept: a double
    click, a second tab or a reload gets the same set. `rebuild` builds it again
    (after a change of settings or size), until one of its questions is started.

    Two builds at once: the unique (user, day) makes the second insert wait for the
    first and fail, and the second then returns the first's set."""
    target = practice_target(user=user, create=True)
    size = target.size if size is None else size
    _validate_size(size)
    day = local_day(user=user, now=now)
    existing = DailySet.objects.filter(user=user, day=day).first()
    if existing is not None and not rebuild:
        return existing
    picks = todays_picks(user=user, target=target, size=size, day=day, now=now)
    with transaction.atomic():
        if existing is None:
            try:
                with transaction.atomic():
                    daily_set = DailySet.objects.create(user=user, day=day)
            except IntegrityError:
                return DailySet.objects.get(user=user, day=day)
        else:
            daily_set = DailySet.objects.select_for_update().get(pk=existing.pk)
            if SoloPractice.objects.filter(
                daily_set_item__daily_set=daily_set
            ).exists():
                raise ApplicationError(
                    "You have started today's set: it stays as it is until tomorrow."
                )
            daily_set.items.all().delete()
        DailySetItem.objects.bulk_create(
            DailySetItem(
                daily_set=daily_set,
                position=position,
                question_id=pick.question_id,
                reason=pick.reason,
            )
            for position, pick in enumerate(picks, start=1)
        )
    return daily_set
