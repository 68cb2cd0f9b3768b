from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from .factories import UserFactory, WorkingGroupFactory


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def group(db):
    return WorkingGroupFactory(
        name="Muutosvalmennuksen ohjausryhmä", slug="muutosvalmennus", programme__slug="te24"
    )


@pytest.fixture
def user(db):
    return UserFactory(full_name="Fiia Seuraaja")
