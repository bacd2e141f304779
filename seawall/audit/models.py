"""The audit trail: append-only, hash-chained events of every read and write of personal data.

Each event's hash is an HMAC (SEAWALL_AUDIT_KEY) over its content and the previous event's
hash, and `seq` counts without gaps, so editing, deleting or inserting an event breaks the
chain where `seawall audit verify` will see it. Database triggers (migration 0002) refuse
UPDATE and DELETE, so tampering needs someone who can drop triggers, and still shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(RuntimeError):
    pass


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", help_text="Empty for the system itself (a command run by an operator).",
    )
    actor_username = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=20, blank=True)
    actor_agency = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=32, db_index=True)
    reason = models.CharField(max_length=120, help_text="The screen or command that caused it.")
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[override]
        raise AppendOnlyError("audit events cannot be deleted")

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"


class AuditSubject(models.Model):
    """A record an event touched; indexed so a record's access log is one lookup."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="subjects")
    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit subjects cannot be changed")
        super().save(*args, **kwargs)
