"""Report, and move out of the log, pad updates that do not apply: only a log
written before every update was tried first can hold one (docs/live-room.md)."""

from django.core.management.base import BaseCommand

from rooms.models import Pad
from rooms.services.pads import pad_log_quarantine


class Command(BaseCommand):
    help = (
        "Replay every pad's update log (or the pads given) from the start; report "
        "the updates that do not apply and move them to the quarantine table."
    )

    def add_arguments(self, parser):
        parser.add_argument("pads", nargs="*", help="Pad ids; every pad if none.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report only; change nothing."
        )

    def handle(self, *args, pads, dry_run, **options):
        pad_ids = pads or Pad.objects.order_by("created_at").values_list(
            "pk", flat=True
        )
        checked = bad = 0
        for pad_id in pad_ids.iterator() if not pads else pad_ids:
            checked += 1
            for row_id, reason in pad_log_quarantine(pad_id=pad_id, dry_run=dry_run):
                bad += 1
                verb = "would move" if dry_run else "moved"
                self.stdout.write(f"Pad {pad_id}: update {row_id} {verb}: {reason}")
        what = "found" if dry_run else "quarantined"
        self.stdout.write(f"{checked} pad(s) checked, {bad} update(s) {what}.")
