"""``Idempotency-Key`` on API POSTs, on a writable viewset built on core's ``ModelViewSet``
(over the audit log only because it is a plain core model; no real endpoint writes it)."""

from __future__ import annotations

import pytest
from django.urls import include, path
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter
from rest_framework.test import APIClient

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core.api.views import ModelViewSet
from kaiku.core.idempotency import IdempotencyRecord
from kaiku.core.models import AuditAction, AuditEvent
from kaiku.core.tests.concurrency import run_at_once, skip_unless_concurrent_db


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["id", "action", "target_label", "created"]


class EventViewSet(ModelViewSet):
    queryset = AuditEvent.objects.order_by("pk")
    serializer_class = EventSerializer
    permission_classes = [IsAuthenticated]


router = SimpleRouter()
router.register("events", EventViewSet, basename="test-event")
urlpatterns = [path("api/", include(router.urls))]

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]
URL = "/api/events/"


@pytest.fixture
def api(db):
    client = APIClient()
    client.force_authenticate(UserFactory())
    return client


def _created() -> int:
    return AuditEvent.objects.filter(action=AuditAction.LOGIN).count()


def _post(client, key, label="Kontrasti on liian heikko.", action=AuditAction.LOGIN):
    data = {"action": action, "target_label": label}
    return client.post(URL, data, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_replay_returns_the_same_response_and_creates_nothing(api):
    first = _post(api, "avain-1")
    again = _post(api, "avain-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert _created() == 1


def test_the_same_key_with_other_data_is_422(api):
    _post(api, "avain-2")
    response = _post(api, "avain-2", label="Toinen viesti.")
    assert response.status_code == 422
    assert set(response.json()) == {"message", "extra"}
    assert _created() == 1


def test_keys_are_per_person_and_path(api):
    _post(api, "avain-3")
    other = APIClient()
    other.force_authenticate(UserFactory())
    assert _post(other, "avain-3").status_code == 201
    assert _created() == 2


def test_a_failed_request_keeps_nothing_and_the_key_can_be_retried(api):
    assert _post(api, "avain-4", action="ei-ole").status_code == 400
    assert not IdempotencyRecord.objects.exists()
    assert _post(api, "avain-4").status_code == 201


def test_without_a_key_every_post_creates(api):
    api.post(URL, {"action": AuditAction.LOGIN}, format="json")
    api.post(URL, {"action": AuditAction.LOGIN}, format="json")
    assert _created() == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "välilyönti ja ä", "a b"])
def test_a_malformed_key_is_400(api, key):
    response = _post(api, key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["extra"]["fields"]
    assert _created() == 0


def test_anonymous_requests_are_refused_as_before():
    response = _post(APIClient(), "avain-5")
    assert response.status_code in (401, 403)
    assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_with_one_key_create_once():
    skip_unless_concurrent_db()
    user = UserFactory()

    def send():
        client = APIClient()
        client.force_authenticate(user)
        return _post(client, "rinnakkain").status_code

    assert run_at_once(20, send) == [201] * 20
    assert _created() == 1
