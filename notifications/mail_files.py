"""The embedded outbox: without EMAIL_URL, e-mails are kept as .eml files under
var/outbox/ and listed on a staff-only page, so someone trying Mockloop can read what
was sent."""

import email
import email.policy
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(settings.OUTBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(message.message().as_bytes())
            # A reader never sees half a file.
            temporary.rename(path)
        return len(email_messages)


@dataclass(frozen=True)
class OutboxMessage:
    name: str
    sent_at: datetime | None
    sender: str
    to: str
    subject: str
    body: str
    attachments: list[str]


def _read(path: Path) -> OutboxMessage:
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    body_part = parsed.get_body(preferencelist=("plain", "html"))
    attachments = [
        part.get_filename() or part.get_content_type()
        for part in parsed.iter_attachments()
    ]
    return OutboxMessage(
        name=path.name,
        sent_at=parsedate_to_datetime(parsed["Date"]) if parsed["Date"] else None,
        sender=str(parsed["From"] or ""),
        to=str(parsed["To"] or ""),
        subject=str(parsed["Subject"] or ""),
        body=body_part.get_content() if body_part else "",
        attachments=attachments,
    )


def outbox_list(*, limit: int = 200) -> list[OutboxMessage]:
    folder = Path(settings.OUTBOX_DIR)
    if not folder.exists():
        return []
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_read(path) for path in paths]


def outbox_read_raw(*, name: str) -> bytes | None:
    path = Path(settings.OUTBOX_DIR) / Path(name).name
    if path.suffix != ".eml" or not path.exists():
        return None
    return path.read_bytes()
