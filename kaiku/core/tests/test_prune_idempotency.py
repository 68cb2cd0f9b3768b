import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from kaiku.core.idempotency import TTL, IdempotencyRecord

pytestmark = pytest.mark.django_db


def _record(user, key, age):
    row = IdempotencyRecord.objects.create(user=user, key=key, path="/fi/news/new/")
    IdempotencyRecord.objects.filter(pk=row.pk).update(created=timezone.now() - age)
    return row


def test_the_daily_command_removes_only_expired_keys():
    user = get_user_model().objects.create_user(email="avain@example.fi", password=None)
    old = _record(user, "vanha", TTL + datetime.timedelta(minutes=1))
    fresh = _record(user, "tuore", datetime.timedelta(minutes=5))
    out = StringIO()
    call_command("prune_idempotency_keys", stdout=out)
    assert "Deleted 1" in out.getvalue()
    assert not IdempotencyRecord.objects.filter(pk=old.pk).exists()
    assert IdempotencyRecord.objects.filter(pk=fresh.pk).exists()
