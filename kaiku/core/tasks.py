"""Background tasks of the core app."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_tasks import task

from .models import AuditEvent


def prune_audit_log_now(*, now: datetime.datetime | None = None) -> int:
    """Delete audit events older than ``KAIKU_AUDIT_RETENTION_DAYS``; returns how many.

    The audit queryset refuses ``delete()`` so that nothing in the app removes audit rows by
    accident; retention is the one deliberate exception, so it calls the base implementation.
    Idempotent: running it twice deletes nothing more.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.KAIKU_AUDIT_RETENTION_DAYS)
    old = AuditEvent.objects.filter(created__lt=cutoff)
    deleted, _ = models.QuerySet.delete(old)
    return deleted


@task()
def prune_audit_log() -> int:
    return prune_audit_log_now()
