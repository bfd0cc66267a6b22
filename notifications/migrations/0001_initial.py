"""The one outbox of every e-mail and bell entry, and the bell, moved here from the
interviews app over its table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def topics_from_sessions(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for pk, session_id in Notification.objects.exclude(session=None).values_list(
        "pk", "session_id"
    ):
        Notification.objects.filter(pk=pk).update(topic=f"session:{session_id}")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("interviews", "0010_room_moves_to_rooms"),
    ]

    operations = [
        migrations.CreateModel(
            name='Message',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('topic', models.CharField(help_text='What it is about.', max_length=200)),
                ('once_key', models.CharField(blank=True, max_length=200, null=True, unique=True)),
                ('kind', models.CharField(help_text='For people reading the outbox.', max_length=60)),
                ('to', models.CharField(blank=True, help_text='Empty: bell only.', max_length=254)),
                ('subject', models.CharField(blank=True, max_length=300)),
                ('body', models.TextField(blank=True)),
                ('attachments', models.JSONField(blank=True, default=list)),
                ('message_id_word', models.CharField(default='message', max_length=80)),
                ('bell_text', models.CharField(blank=True, max_length=300)),
                ('bell_url', models.CharField(blank=True, max_length=300)),
                ('due_at', models.DateTimeField()),
                ('expires_at', models.DateTimeField(blank=True, help_text='Not sent after this; dropped instead.', null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('bell_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('failed_at', models.DateTimeField(blank=True, help_text='Set after the last try failed.', null=True)),
                ('last_error', models.TextField(blank=True)),
                ('dropped_at', models.DateTimeField(blank=True, null=True)),
                ('dropped_because', models.CharField(blank=True, max_length=200)),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='messages', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['due_at', 'pk'],
                'indexes': [models.Index(condition=models.Q(('dropped_at__isnull', True), ('failed_at__isnull', True), ('sent_at__isnull', True)), fields=['due_at'], name='message_pending_due'), models.Index(condition=models.Q(('dropped_at__isnull', True), ('failed_at__isnull', True), ('sent_at__isnull', True)), fields=['topic'], name='message_topic')],
            },
        ),
        # The bell moves here from interviews: Django learns of its table as it is
        # (with the session column), then the column gives way to a topic.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text", models.CharField(max_length=300)),
                        ("url", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("session", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="interviews.mocksession")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notifications", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "interviews_notification",
                        "ordering": ["-created_at"],
                        "indexes": [models.Index(fields=["user", "read_at"], name="interviews__user_id_5c23f6_idx")],
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name="notification",
            name="topic",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(topics_from_sessions, migrations.RunPython.noop),
        migrations.RemoveField(model_name="notification", name="session"),
    ]
