"""Rounds booked before the live room get their pads: a shared one (empty: the
outlines are for new rounds) and the interviewer's notes."""

from django.db import migrations


def add_pads(apps, schema_editor):
    Round = apps.get_model("interviews", "Round")
    Pad = apps.get_model("interviews", "Pad")
    having = set(Pad.objects.values_list("round_id", "kind"))
    Pad.objects.bulk_create(
        Pad(round_id=round_id, kind=kind)
        for round_id in Round.objects.values_list("pk", flat=True)
        for kind in ("shared", "notes")
        if (round_id, kind) not in having
    )


class Migration(migrations.Migration):
    dependencies = [("interviews", "0007_live_room")]

    operations = [migrations.RunPython(add_pads, migrations.RunPython.noop)]
