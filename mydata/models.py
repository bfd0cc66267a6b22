"""A person's own data, taken out: an archive of everything they own, prepared in
the background and downloadable by them alone for a day (docs/your-data.md)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

EXPORT_VALID_FOR = timedelta(days=1)


def _token() -> str:
    return secrets.token_urlsafe(32)


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class DataExport(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    # In the download's address: a guess finds nothing, and only its owner is
    # served even with it.
    token = models.CharField(max_length=64, unique=True, default=_token)
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    # Parts done out of parts to do, for the progress bar.
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # Under MEDIA_ROOT/exports/, removed when the link expires.
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"Export {self.pk} of {self.user_id} ({self.status})"

    @property
    def expires_at(self):
        return (self.finished_at or self.created_at) + EXPORT_VALID_FOR

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
