"""The live room's models move to the rooms app: Django forgets them here, their
tables stay as they are (rooms 0001 takes them over by name)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0009_pad_budgets'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.RemoveField(
            model_name='pad',
            name='round',
        ),
        migrations.RemoveField(
            model_name='padsnapshot',
            name='pad',
        ),
        migrations.RemoveField(
            model_name='padupdate',
            name='pad',
        ),
        migrations.RemoveField(
            model_name='quarantinedpadupdate',
            name='pad',
        ),
        migrations.RemoveField(
            model_name='padupdate',
            name='author',
        ),
        migrations.RemoveField(
            model_name='quarantinedpadupdate',
            name='author',
        ),
        migrations.RemoveField(
            model_name='roomevent',
            name='actor',
        ),
        migrations.RemoveField(
            model_name='roomevent',
            name='round',
        ),
        migrations.DeleteModel(
            name='GivenHint',
        ),
        migrations.DeleteModel(
            name='PadSnapshot',
        ),
        migrations.DeleteModel(
            name='Pad',
        ),
        migrations.DeleteModel(
            name='PadUpdate',
        ),
        migrations.DeleteModel(
            name='QuarantinedPadUpdate',
        ),
        migrations.DeleteModel(
            name='RoomEvent',
        ),
                ],
        )
    ]
