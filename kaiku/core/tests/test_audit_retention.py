from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.core.audit import audit_log
from kaiku.core.models import AuditAction, AuditEvent
from kaiku.core.tasks import prune_audit_log_now

pytestmark = pytest.mark.django_db


def test_retention_deletes_only_old_events(settings):
    settings.KAIKU_AUDIT_RETENTION_DAYS = 30
    old = audit_log(action=AuditAction.LOGIN_FAILED, actor_label="old@example.fi")
    recent = audit_log(action=AuditAction.LOGIN_FAILED, actor_label="new@example.fi")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET created = %s WHERE id = %s",
            [timezone.now() - datetime.timedelta(days=31), old.pk],
        )

    assert prune_audit_log_now() == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    assert prune_audit_log_now() == 0


def test_audit_queryset_refuses_bulk_changes():
    audit_log(action=AuditAction.LOGIN_FAILED, actor_label="x@example.fi")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(action="login")
