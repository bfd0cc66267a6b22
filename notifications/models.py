"""Everything Mockloop tells people: one outbox of messages (an e-mail, a bell entry,
or both), written with the change they announce and sent exactly once, and the bell.

A message holds what its writer rendered (subject, body, attachments, the bell's
line), so this app never imports the apps that write to it. Its `topic` says what it
is about ("session:12:reminder:..."): a later change drops the pending messages it
makes stale by the topic's prefix (docs/architecture.md, "How an e-mail travels").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

PENDING = Q(sent_at__isnull=True, failed_at__isnull=True, dropped_at__isnull=True)


class Message(models.Model):
    """One e-mail and/or bell entry to one person, sent at most once, ever. The row,
    not the broker, decides whether it was sent."""

    topic = models.CharField(max_length=200, help_text="What it is about.")
    # Set when a writer wants the message once ever (one per topic).
    once_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    kind = models.CharField(max_length=60, help_text="For people reading the outbox.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages",
    )
    to = models.CharField(max_length=254, blank=True, help_text="Empty: bell only.")
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    # [{"filename", "content", "mimetype", "params": {...}}]: text attachments.
    attachments = models.JSONField(default=list, blank=True)
    # The Message-ID's first word: "<reminder-42@mockloop>".
    message_id_word = models.CharField(max_length=80, default="message")
    bell_text = models.CharField(max_length=300, blank=True)
    bell_url = models.CharField(max_length=300, blank=True)
    due_at = models.DateTimeField()
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Not sent after this; dropped instead."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    bell_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set after the last try failed."
    )
    last_error = models.TextField(blank=True)
    dropped_at = models.DateTimeField(null=True, blank=True)
    dropped_because = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            # The sweep: pending rows by due time.
            models.Index(
                fields=["due_at"], condition=PENDING, name="message_pending_due"
            ),
            # A change dropping the pending messages it makes stale, by prefix.
            models.Index(fields=["topic"], condition=PENDING, name="message_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to or self.user_id}"

    @property
    def message_id(self) -> str:
        return f"<{self.message_id_word}-{self.pk}@mockloop>"


class Notification(models.Model):
    """An entry behind the bell: invitations, changes, cancellations, feedback."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    topic = models.CharField(max_length=200, blank=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Made by the interviews app before the bell had an app of its own.
        db_table = "interviews_notification"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["user", "read_at"], name="interviews__user_id_5c23f6_idx"
            )
        ]

    def __str__(self) -> str:
        return self.text
