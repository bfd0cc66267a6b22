"""E-mail backends for tests: the network edge is the only thing replaced."""

import smtplib
import threading
import time

from django.core.mail.backends.base import BaseEmailBackend

_lock = threading.Lock()


class RecordingBackend(BaseEmailBackend):
    """Keeps the Message-IDs it was handed, from any thread; can be made slow to
    widen the windows in which two workers could race."""

    message_ids: list[str] = []
    delay_seconds = 0.0

    def send_messages(self, email_messages) -> int:
        time.sleep(self.delay_seconds)
        with _lock:
            for message in email_messages:
                RecordingBackend.message_ids.append(message.extra_headers["Message-ID"])
        return len(email_messages)


class FailingBackend(BaseEmailBackend):
    """A mail server that hangs up on every message; `failures` counts the tries.
    With `fail_times` set, only that many tries fail and the rest are recorded."""

    failures = 0
    fail_times: int | None = None
    delivered: list[str] = []

    def send_messages(self, email_messages) -> int:
        with _lock:
            if FailingBackend.fail_times is None or (
                FailingBackend.failures < FailingBackend.fail_times
            ):
                FailingBackend.failures += 1
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            FailingBackend.delivered.extend(
                message.extra_headers["Message-ID"] for message in email_messages
            )
        return len(email_messages)
