from __future__ import annotations

import pytest
from django.core.cache import cache

from .factories import RoleAssignmentFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth keeps its rate-limit counters in the cache; start every test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def totp(db):
    """Give a person a TOTP authenticator (as if they had set up an authenticator app)."""
    from allauth.mfa.models import Authenticator

    def _add(person):
        return Authenticator.objects.create(
            user=person, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
        )

    return _add


@pytest.fixture
def administrator(db, totp):
    person = UserFactory(is_staff=True)
    RoleAssignmentFactory(user=person, role="administrator")
    totp(person)
    return person
