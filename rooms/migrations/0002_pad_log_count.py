from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_the_logs(apps, schema_editor):
    """Pads made before the count start from the rows their log holds."""
    Pad = apps.get_model("rooms", "Pad")
    PadUpdate = apps.get_model("rooms", "PadUpdate")
    rows = (
        PadUpdate.objects.filter(pad=OuterRef("pk"))
        .order_by()
        .values("pad")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Pad.objects.update(log_count=Coalesce(Subquery(rows), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("rooms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="pad",
            name="log_count",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.RunPython(count_the_logs, migrations.RunPython.noop),
    ]
