"""Each attempt keeps the person's own date when it was logged (practice days).

Attempts logged before this migration get the date of their moment in the person's
time zone as it is now: the best that is known about them."""

import zoneinfo

from django.db import migrations, models


def days_fill(apps, schema_editor):
    Attempt = apps.get_model("questions", "Attempt")
    rows = Attempt.objects.select_related("progress__user").filter(day__isnull=True)
    for attempt in rows.iterator(chunk_size=2000):
        try:
            zone = zoneinfo.ZoneInfo(attempt.progress.user.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo("UTC")
        attempt.day = attempt.created_at.astimezone(zone).date()
        attempt.save(update_fields=["day"])


class Migration(migrations.Migration):
    # The fill commits before the column is made NOT NULL: PostgreSQL refuses to
    # alter a table with updates still to check in the same transaction.
    atomic = False

    dependencies = [
        ("questions", "0013_question_examples"),
    ]

    operations = [
        migrations.AddField(
            model_name="attempt",
            name="day",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(days_fill, migrations.RunPython.noop, atomic=True),
        migrations.AlterField(
            model_name="attempt",
            name="day",
            field=models.DateField(editable=False),
        ),
    ]
