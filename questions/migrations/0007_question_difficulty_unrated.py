"""A question's difficulty may be empty: hxu296's long form gives none, and the
questions it created held Medium as a placeholder until now. Those placeholders
are cleared; a list that knows the difficulty fills it in when imported."""

from django.db import migrations, models

# questions.importers.sources.WITHOUT_DIFFICULTY when this migration was written.
SOURCES_WITHOUT_DIFFICULTY = ["hxu296-leetcode-company-wise-problems-2022"]


def clear_placeholders(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    Question.objects.filter(source__slug__in=SOURCES_WITHOUT_DIFFICULTY).update(
        difficulty=None
    )


def restore_placeholders(apps, schema_editor):
    # Going back to a required difficulty: the old placeholder, Medium.
    Question = apps.get_model("questions", "Question")
    Question.objects.filter(difficulty__isnull=True).update(difficulty=2)


class Migration(migrations.Migration):
    dependencies = [("questions", "0006_question_search_documents")]

    # Clear after the column allows it; going back, fill before it forbids it again.
    operations = [
        migrations.AlterField(
            model_name="question",
            name="difficulty",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[(1, "Easy"), (2, "Medium"), (3, "Hard")],
                null=True,
            ),
        ),
        migrations.RunPython(clear_placeholders, restore_placeholders),
    ]
