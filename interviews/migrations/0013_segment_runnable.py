"""A part may be runnable; the online assessments are the built-in formats whose
parts are (every format that imitates a company's coding round stays off)."""

from django.db import migrations, models

ONLINE_ASSESSMENTS = [
    (
        "online-assessment",
        "Online assessment",
        "Two coding problems in 70 minutes, as on an assessment site: the code is "
        "run in the browser and checked against the question's examples.",
        [("coding", 70, 2)],
    ),
    (
        "online-assessment-ml",
        "Online assessment (ML coding)",
        "One ML building block in 45 minutes, run in the browser with NumPy.",
        [("ml_coding", 45, 1)],
    ),
]


def add_online_assessments(apps, schema_editor):
    Format = apps.get_model("interviews", "Format")
    Segment = apps.get_model("interviews", "Segment")
    for slug, name, description, segments in ONLINE_ASSESSMENTS:
        format_, created = Format.objects.get_or_create(
            slug=slug, owner=None, defaults={"name": name, "description": description}
        )
        if not created:
            continue
        Segment.objects.bulk_create(
            Segment(
                format=format_,
                order=order,
                kind=kind,
                minutes=minutes,
                questions=questions,
                runnable=True,
            )
            for order, (kind, minutes, questions) in enumerate(segments)
        )


def remove_online_assessments(apps, schema_editor):
    Format = apps.get_model("interviews", "Format")
    slugs = [slug for slug, *_ in ONLINE_ASSESSMENTS]
    Format.objects.filter(owner=None, slug__in=slugs, sessions=None).delete()


class Migration(migrations.Migration):
    dependencies = [("interviews", "0012_session_is_demo")]

    operations = [
        migrations.AddField(
            model_name="segment",
            name="runnable",
            field=models.BooleanField(
                default=False,
                help_text="The pad's code may be run in the browser during this part.",
            ),
        ),
        migrations.RunPython(add_online_assessments, remove_online_assessments),
    ]
