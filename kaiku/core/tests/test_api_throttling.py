"""The API answers too many requests with 429 and Retry-After, per user and per address."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from kaiku.accounts.services import token_create
from kaiku.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/regions/"
LOW_RATES = {"anon": "3/min", "user": "5/min"}


@pytest.fixture
def low_rates(monkeypatch):
    """Low rates for this test only. DRF reads the rates into the throttle class once, at
    import, so the class attribute is patched alongside the setting."""
    rest_framework = {**_rest_framework_settings(), "DEFAULT_THROTTLE_RATES": LOW_RATES}
    with override_settings(REST_FRAMEWORK=rest_framework):
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", LOW_RATES)
        cache.clear()
        yield
    cache.clear()


def _rest_framework_settings() -> dict:
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


def test_throttling_is_on_for_every_endpoint():
    names = {cls.__name__ for cls in api_settings.DEFAULT_THROTTLE_CLASSES}
    assert {"AnonRateThrottle", "UserRateThrottle"} <= names


def test_anonymous_requests_are_limited_per_address(low_rates):
    client = APIClient()
    for _request in range(3):
        assert client.get(API).status_code == 200
    response = client.get(API)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert set(response.json()) == {"message", "extra"} and response.json()["message"]
    # A forged X-Forwarded-For header does not make a new address ...
    assert client.get(API, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # ... but another address is served.
    assert client.get(API, REMOTE_ADDR="198.51.100.8").status_code == 200


def test_authenticated_requests_are_limited_per_person(low_rates):
    first, second = UserFactory(), UserFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_create(user=first, actor=None).key}")
    for _request in range(5):
        assert client.get(API).status_code == 200
    response = client.get(API)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {token_create(user=second, actor=None).key}")
    assert other.get(API).status_code == 200


def test_schema_documents_the_429():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"][API]["get"]
    assert "Retry-After" in operation["responses"]["429"]["headers"]
