"""Feedback notices move to the one outbox (notifications.Message): sent ones as the
record of what went out, dropped ones as dropped; one still waiting is written out
here in short, with the link to the round's feedback."""

from django.conf import settings
from django.db import migrations

OLD = "(sent before every message went through one outbox)"


def copy_rows(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    FeedbackNotice = apps.get_model("feedback", "FeedbackNotice")
    messages = []
    for notice in FeedbackNotice.objects.select_related("round", "user"):
        round_, user = notice.round, notice.user
        topic = (
            f"session:{round_.session_id}:round:{round_.pk}:feedback:"
            f"{notice.kind}:{notice.part}:{user.pk}"
        )
        pending = not (notice.sent_at or notice.dropped_at)
        url = f"/feedback/rounds/{round_.pk}/"
        subject = (
            "Your partner's feedback is ready"
            if notice.kind == "ready"
            else "Reminder to write your feedback"
        )
        messages.append(
            Message(
                topic=topic,
                once_key=topic,
                kind=subject,
                user=user,
                to=user.email,
                subject=subject if pending else OLD,
                body=f"{subject}: {settings.SITE_URL}{url}\n" if pending else "",
                message_id_word="feedback-notice",
                bell_text=subject if pending else "",
                bell_url=url,
                due_at=notice.due_at,
                sent_at=notice.sent_at,
                dropped_at=notice.dropped_at,
                dropped_because="the feedback was written first"
                if notice.dropped_at
                else "",
            )
        )
    Message.objects.bulk_create(messages, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_builtin_rubrics"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_rows, migrations.RunPython.noop),
        migrations.DeleteModel(name="FeedbackNotice"),
    ]
