from django.db import migrations

from feedback.rubrics import rubrics_install


def install(apps, schema_editor):
    rubrics_install(apps.get_model("feedback", "Rubric"), apps.get_model("feedback", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_rubrics_scorecards")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
