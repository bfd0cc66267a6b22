"""The daily digest of due reviews: for each person who asked for it, once their
chosen hour has come on their own calendar day, one e-mail and bell entry listing
what is due by the end of that day; never on a day with nothing due.

Beat runs `digest_sweep` every minute. It asks for no state of its own: a person is
owed today's digest from their hour until their midnight while the outbox holds no
message with today's topic (practice.events.digest_topic). So a sweep run twice, a
task delivered twice, or a worker killed mid-sweep writes nothing twice (the topic
is the message's once-key), and after downtime the first sweep back writes the one
digest of today, not one per missed minute or hour; a day that ended while nothing
ran is not caught up (its digest would speak of reviews no longer "today").

The sweep finds who is owed one in a few queries and hands them out in batches of
DIGEST_BATCH people, each written in one transaction by a task (`digests_write`),
so several workers write at once and each batch's e-mails start going out as soon
as it commits (docs/benchmarks.md, "Daily digest sweep")."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from itertools import islice

from django.db import transaction
from django.db.models import Min

from notifications.models import Message
from practice import events
from practice.events import DueQuestion
from practice.models import PracticeSettings
from questions.models import Progress
from users.models import User

DIGEST_BATCH = 500
# IN lists per query: SQLite (the embedded database) takes at most 32,766 variables.
QUERY_CHUNK = 1000


def batched(items, size: int):
    # itertools.batched is Python 3.12's.
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(frozen=True)
class Owed:
    """One person owed a digest: their day, its end, and their hour."""

    user_id: int
    day: dt.date
    until: dt.datetime
    hour: int


def _zone(name: str, cache: dict) -> zoneinfo.ZoneInfo:
    if name not in cache:
        try:
            cache[name] = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            cache[name] = zoneinfo.ZoneInfo("UTC")
    return cache[name]


def _hour_come(
    *, user_id: int, time_zone: str, hour: int, now: dt.datetime, zones: dict
) -> Owed | None:
    local = now.astimezone(_zone(time_zone, zones))
    if local.hour < hour:
        return None
    day = local.date()
    until = dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time.min, tzinfo=local.tzinfo
    )
    return Owed(user_id=user_id, day=day, until=until, hour=hour)


def _written(owed: list[Owed]) -> set[str]:
    topics = [events.digest_topic(user_id=o.user_id, day=o.day) for o in owed]
    found: set[str] = set()
    for chunk in batched(topics, QUERY_CHUNK):
        found.update(
            Message.objects.filter(once_key__in=chunk).values_list(
                "once_key", flat=True
            )
        )
    return found


def _with_something_due(owed: list[Owed]) -> list[Owed]:
    """Those whose earliest due card falls before the end of their day."""
    keep = []
    for chunk in batched(owed, QUERY_CHUNK):
        earliest = dict(
            Progress.objects.filter(
                user_id__in=[o.user_id for o in chunk], due_at__isnull=False
            )
            .values("user_id")
            .annotate(first=Min("due_at"))
            .values_list("user_id", "first")
        )
        keep += [
            o for o in chunk if o.user_id in earliest and earliest[o.user_id] < o.until
        ]
    return keep


def digests_owed(*, now: dt.datetime) -> list[Owed]:
    """Everyone whose hour has come today, with something due by the end of their
    day, and no digest of today in the outbox yet."""
    zones: dict = {}
    owed = []
    rows = PracticeSettings.objects.filter(
        digest_hour__isnull=False, user__is_active=True
    ).values_list("user_id", "user__time_zone", "digest_hour")
    for user_id, time_zone, hour in rows.iterator(chunk_size=5000):
        found = _hour_come(
            user_id=user_id, time_zone=time_zone, hour=hour, now=now, zones=zones
        )
        if found:
            owed.append(found)
    written = _written(owed)
    owed = [
        o
        for o in owed
        if events.digest_topic(user_id=o.user_id, day=o.day) not in written
    ]
    return _with_something_due(owed)


def digest_sweep(*, now: dt.datetime) -> list[list[int]]:
    """The minute's sweep: the people owed a digest, in batches for `digests_write`."""
    owed = digests_owed(now=now)
    return [[o.user_id for o in batch] for batch in batched(owed, DIGEST_BATCH)]


def _due_by_person(owed: dict[int, Owed]) -> dict[int, list[DueQuestion]]:
    latest_end = max(o.until for o in owed.values())
    due: dict[int, list[DueQuestion]] = {user_id: [] for user_id in owed}
    rows = (
        Progress.objects.filter(user_id__in=list(owed), due_at__lt=latest_end)
        .order_by("user_id", "due_at", "pk")
        .values_list("user_id", "due_at", "question__title", "question__slug")
    )
    for user_id, due_at, title, slug in rows.iterator(chunk_size=5000):
        if due_at < owed[user_id].until:
            due[user_id].append(DueQuestion(title=title, slug=slug))
    return due


@transaction.atomic
def digests_write(*, user_ids: list[int], now: dt.datetime) -> int:
    """Write today's digest for each of these people who is still owed one (their
    hour has come, something is due, none was written): the decision is made again
    here, from the rows, so a batch run late or twice is still right; the outbox
    skips a day's topic written before. One write for the batch. Returns how many
    were new."""
    zones: dict = {}
    people = {
        user.pk: user
        for user in User.objects.filter(
            pk__in=user_ids,
            is_active=True,
            practice_settings__digest_hour__isnull=False,
        ).select_related("practice_settings")
    }
    owed = {}
    for user in people.values():
        found = _hour_come(
            user_id=user.pk,
            time_zone=user.time_zone,
            hour=user.practice_settings.digest_hour,
            now=now,
            zones=zones,
        )
        if found:
            owed[user.pk] = found
    if not owed:
        return 0
    digests = [
        events.Digest(
            user=people[user_id],
            day=owed[user_id].day,
            due=due,
            hour=owed[user_id].hour,
            until=owed[user_id].until,
        )
        for user_id, due in _due_by_person(owed).items()
        if due
    ]
    return events.digests_queue(digests=digests)
