"""The reason's length limit has plural forms (Finnish "1 merkin", "1000 merkkiä")."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .. import services


def _error(maximum: int, monkeypatch) -> str:
    monkeypatch.setattr(services, "REASON_MAX_LENGTH", maximum)
    with pytest.raises(ValidationError) as caught:
        services._clean_reason("x" * (maximum + 1))
    return caught.value.message_dict["reason"][0]


def test_the_reason_limit_has_plural_forms(monkeypatch):
    with translation.override("en"):
        assert _error(1, monkeypatch) == "Keep the reason under 1 character."
        assert _error(1000, monkeypatch) == "Keep the reason under 1000 characters."
    with translation.override("fi"):
        assert _error(1, monkeypatch) == "Syyn on oltava alle 1 merkin mittainen."
        assert _error(1000, monkeypatch) == "Syyn on oltava alle 1000 merkkiä."
