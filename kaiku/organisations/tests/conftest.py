from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from ..services import reference_data_load


@pytest.fixture
def reference_data(db):
    return reference_data_load()


@pytest.fixture
def person(db):
    return get_user_model().objects.create_user(
        email="liisa.virtanen@example.fi", password="Salasana-testi-123", full_name="Liisa Virtanen"
    )


@pytest.fixture
def staff_person(db):
    return get_user_model().objects.create_user(
        email="admin.kaiku@example.fi", password="Salasana-testi-123", is_staff=True
    )
