"""The live room's models, moved from the interviews app: Django learns of them
here, over the tables interviews made (nothing in the database changes)."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('interviews', '0010_room_moves_to_rooms'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='Pad',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('kind', models.CharField(choices=[('shared', 'Shared pad'), ('notes', "Interviewer's notes")], max_length=8)),
                ('language', models.CharField(default='plain', max_length=20)),
                ('log_bytes', models.PositiveBigIntegerField(default=0)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pads', to='interviews.round')),
            ],
            options={
                'db_table': 'interviews_pad',
            },
        ),
        migrations.CreateModel(
            name='PadSnapshot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('upto_id', models.BigIntegerField()),
                ('data', models.BinaryField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('pad', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='snapshots', to='rooms.pad')),
            ],
            options={
                'db_table': 'interviews_padsnapshot',
            },
        ),
        migrations.CreateModel(
            name='PadUpdate',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('data', models.BinaryField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                ('pad', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='rooms.pad')),
            ],
            options={
                'db_table': 'interviews_padupdate',
            },
        ),
        migrations.CreateModel(
            name='QuarantinedPadUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('update_id', models.BigIntegerField(help_text='Its id in the log.')),
                ('data', models.BinaryField()),
                ('created_at', models.DateTimeField()),
                ('reason', models.CharField(max_length=300)),
                ('quarantined_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                ('pad', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='rooms.pad')),
            ],
            options={
                'db_table': 'interviews_quarantinedpadupdate',
            },
        ),
        migrations.CreateModel(
            name='RoomEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('start', 'Started'), ('pause', 'Paused'), ('resume', 'Resumed'), ('add_time', 'Time added'), ('segment', 'Next part'), ('phase', 'Next phase'), ('end', 'Ended'), ('reveal', 'Question revealed'), ('hint', 'Hint given'), ('swap', 'Roles swapped'), ('language', 'Language chosen')], max_length=10)),
                ('at', models.DateTimeField()),
                ('elapsed', models.DurationField(help_text="The round's clock when it happened.")),
                ('data', models.JSONField(blank=True, default=dict)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='interviews.round')),
            ],
            options={
                'db_table': 'interviews_roomevent',
                'ordering': ['round', 'at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='GivenHint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('given_at', models.DateTimeField()),
                ('round_question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='given_hints', to='interviews.roundquestion')),
            ],
            options={
                'db_table': 'interviews_givenhint',
                'ordering': ['round_question', 'number'],
                'constraints': [models.UniqueConstraint(fields=('round_question', 'number'), name='hint_given_once')],
            },
        ),
        migrations.AddConstraint(
            model_name='pad',
            constraint=models.UniqueConstraint(fields=('round', 'kind'), name='pad_per_round'),
        ),
        migrations.AddIndex(
            model_name='padsnapshot',
            index=models.Index(fields=['pad', '-upto_id'], name='padsnapshot_latest'),
        ),
        migrations.AddConstraint(
            model_name='padsnapshot',
            constraint=models.UniqueConstraint(fields=('pad', 'upto_id'), name='snapshot_once'),
        ),
        migrations.AddIndex(
            model_name='padupdate',
            index=models.Index(fields=['pad', 'id'], name='padupdate_pad_id'),
        ),
                ],
        )
    ]
