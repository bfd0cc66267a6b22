"""What a person's own data announces, from this one place: an archive is ready,
as an e-mail and a bell entry written to the outbox (notifications) in the
transaction that marks it ready, and sent once that commits.

The topic names the export and is the message's once-key: a build that runs twice
announces one archive once."""

from django.conf import settings
from django.urls import reverse

from mydata.models import DataExport
from notifications.models import Message
from notifications.services import message_queue


def export_topic(*, export_id: int) -> str:
    return f"mydata:export:{export_id}"


def export_ready(*, export: DataExport) -> Message | None:
    user = export.user
    link = settings.SITE_URL + reverse("mydata-export-download", args=[export.token])
    until = export.expires_at.astimezone(user.zone)
    body = "\n".join(
        [
            f"Hi {user.name},",
            "",
            "The archive of everything you own on Mockloop is ready:",
            link,
            "",
            f"The link works until {until:%a %-d %b %Y, %H:%M} ({user.time_zone}), "
            "and only while you are signed in as yourself. After that the archive "
            "is deleted; prepare a new one from your profile.",
            "",
        ]
    )
    return message_queue(
        topic=export_topic(export_id=export.pk),
        once=True,
        kind="Data export ready",
        user=user,
        to=user.email,
        subject="Your archive is ready to download",
        body=body,
        message_id_word="export",
        bell_text="Your archive is ready to download",
        bell_url=reverse("profile") + "#my-data",
        expires_at=export.expires_at,
    )
