"""The built-in formats, with the minutes per part that seed 002 gives for Meta's
phone screens and onsite rounds."""

from django.db import migrations

INTRO, CANDIDATE = "intro", "questions"


def _round(kind: str, questions: int) -> list[tuple[str, int, int]]:
    return [(INTRO, 5, 0), (kind, 35, questions), (CANDIDATE, 5, 0)]


BUILTIN_FORMATS = [
    (
        "phone-screen-e4-e5",
        "Phone screen (E4/E5)",
        "Introduction, two coding problems (easy or medium), questions for the "
        "interviewer.",
        False,
        [(INTRO, 5, 0), ("coding", 35, 2), (CANDIDATE, 5, 0)],
    ),
    (
        "phone-screen-e6",
        "Phone screen (E6)",
        "A short introduction, one or two coding problems, a behavioral part, "
        "questions for the interviewer.",
        False,
        [(INTRO, 2, 0), ("coding", 25, 2), ("behavioral", 15, 1), (CANDIDATE, 3, 0)],
    ),
    ("onsite-coding", "Onsite coding round", "Two coding problems in 45 minutes.",
     False, _round("coding", 2)),
    ("onsite-ml-system-design", "ML system design round",
     "One open ML problem, designed end to end.", False,
     _round("ml_system_design", 1)),
    ("onsite-system-design", "System design round",
     "One system, from requirements to bottlenecks.", False,
     _round("system_design", 1)),
    ("onsite-ml-coding", "ML coding round",
     "Implement or debug an ML building block, without running it.", False,
     _round("ml_coding", 1)),
    ("onsite-ml-fundamentals", "ML fundamentals round",
     "Rapid questions on ML theory, statistics and practice.", False,
     _round("ml_fundamentals", 4)),
    ("onsite-behavioral", "Behavioral round",
     "Stories about scope, conflict, failure and growth.", False,
     _round("behavioral", 3)),
    ("onsite-loop-e4-e5", "Onsite loop (E4/E5)",
     "Two coding rounds, one ML system design round and one behavioral round; each "
     "round can be held on its own day with its own friend.", True,
     [("coding", 45, 2), ("coding", 45, 2), ("ml_system_design", 45, 1),
      ("behavioral", 45, 3)]),
    ("onsite-loop-e6", "Onsite loop (E6)",
     "Two coding rounds, two ML system design rounds and one behavioral round; each "
     "round can be held on its own day with its own friend.", True,
     [("coding", 45, 2), ("coding", 45, 2), ("ml_system_design", 45, 1),
      ("ml_system_design", 45, 1), ("behavioral", 45, 3)]),
]  # fmt: skip


def add_builtin_formats(apps, schema_editor):
    Format = apps.get_model("interviews", "Format")
    Segment = apps.get_model("interviews", "Segment")
    for slug, name, description, is_loop, segments in BUILTIN_FORMATS:
        format_, created = Format.objects.get_or_create(
            slug=slug,
            owner=None,
            defaults={"name": name, "description": description, "is_loop": is_loop},
        )
        if not created:
            continue
        Segment.objects.bulk_create(
            Segment(format=format_, order=order, kind=kind, minutes=minutes,
                    questions=questions)
            for order, (kind, minutes, questions) in enumerate(segments)
        )  # fmt: skip


def remove_builtin_formats(apps, schema_editor):
    Format = apps.get_model("interviews", "Format")
    slugs = [slug for slug, *_ in BUILTIN_FORMATS]
    Format.objects.filter(owner=None, slug__in=slugs, sessions=None).delete()


class Migration(migrations.Migration):
    dependencies = [("interviews", "0001_initial")]

    operations = [migrations.RunPython(add_builtin_formats, remove_builtin_formats)]
