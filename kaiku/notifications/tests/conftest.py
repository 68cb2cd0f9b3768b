from __future__ import annotations

import pytest

from .factories import UserFactory, WorkingGroupFactory


@pytest.fixture
def group(db):
    return WorkingGroupFactory(
        name="Muutosvalmennuksen ohjausryhmä", slug="muutosvalmennus", programme__slug="te24"
    )


@pytest.fixture
def user(db):
    return UserFactory(full_name="Fiia Seuraaja")
