"""Keeping pads' update logs no longer than the admin wants (PAD_RETENTION_DAYS):
the log of a pad whose round is older becomes one update holding the final state,
so the pad, its text and its replay's end stay as they were; the room's events
(the replay's markers) are not touched. Pads of younger rounds never change."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from interviews.models import Round
from rooms.models import Pad, PadSnapshot, PadUpdate
from rooms.services.pads import pad_document


@transaction.atomic
def pad_log_compact(*, pad_id) -> bool:
    """Replace the pad's log by one update of its final state, dated as its last
    update; False when there was nothing to compact."""
    pad = Pad.objects.select_for_update().filter(pk=pad_id).first()
    if pad is None:
        return False
    rows = PadUpdate.objects.filter(pad=pad)
    last = rows.order_by("-id").only("created_at").first()
    if last is None or rows.count() < 2:
        return False
    merged = pad_document(pad_id=pad.pk).get_update()
    PadSnapshot.objects.filter(pad=pad).delete()
    rows.delete()
    kept = PadUpdate.objects.create(pad=pad, data=merged)
    PadUpdate.objects.filter(pk=kept.pk).update(created_at=last.created_at)
    pad.log_bytes = len(merged)
    pad.save(update_fields=["log_bytes"])
    return True


def pads_retention_sweep(*, now: datetime | None = None) -> int:
    """Compact the logs of pads whose round is older than PAD_RETENTION_DAYS (over
    since then, or, never ended, booked to end before then); nothing when unset.
    Returns how many pads were compacted."""
    days = settings.PAD_RETENTION_DAYS
    if not days:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old_rounds = Round.objects.filter(
        Q(ended_at__lt=cutoff) | Q(ended_at=None, session__ends_at__lt=cutoff)
    )
    row_counts = (
        PadUpdate.objects.filter(pad=OuterRef("pk"))
        .values("pad")
        .annotate(rows=Count("id"))
        .values("rows")
    )
    pads = (
        Pad.objects.filter(round__in=old_rounds)
        .annotate(rows=Subquery(row_counts))
        .filter(rows__gt=1)
        .values_list("pk", flat=True)
    )
    return sum(pad_log_compact(pad_id=pad_id) for pad_id in list(pads))
