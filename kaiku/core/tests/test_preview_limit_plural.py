"""The preview's length limit has plural forms (Finnish "1 merkki", "50000 merkkiä")."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core import views


@pytest.fixture
def signed_in(db):
    cache.clear()
    client = Client()
    client.force_login(UserFactory())
    return client


def _refused(client, language: str, text: str) -> str:
    response = client.post(f"/{language}/preview/markdown/", {"preview": "body", "body": text})
    assert response.status_code == 413
    return response.content.decode()


def test_the_preview_limit_has_plural_forms(signed_in, monkeypatch):
    many = _refused(signed_in, "fi", "a" * (views.PREVIEW_MAX_CHARS + 1))
    assert f"(enintään {views.PREVIEW_MAX_CHARS} merkkiä)" in many
    monkeypatch.setattr(views, "PREVIEW_MAX_CHARS", 1)
    assert "(enintään 1 merkki)" in _refused(signed_in, "fi", "ab")
    assert "(at most 1 character)" in _refused(signed_in, "en", "ab")
