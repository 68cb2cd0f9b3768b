"""Fixtures shared by every app's tests.

``people`` holds the viewers every access test starts from: nobody (``anonymous``), a
signed-in person without a role (``staff``) and an administrator with a second factor
(``admin``). An app's conftest adds its own viewers by overriding the fixture and asking for
this one::

    @pytest.fixture
    def people(people, group):
        member = UserFactory(full_name="Maija Jäsen")
        ...
        return {**people, "member": member}
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils import translation

from kaiku.accounts.models import PlatformRole
from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory


@pytest.fixture(autouse=True)
def _reset_language():
    """A request to /sv/ leaves Swedish active in this thread; later tests expect Finnish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _with_second_factor(person):
    """Administrators and moderators must have one before the site lets them in."""
    Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    return person


@pytest.fixture
def people(db):
    admin = UserFactory(full_name="Anna Ylläpitäjä")
    RoleAssignmentFactory(user=admin, role=PlatformRole.ADMINISTRATOR)
    return {
        "anonymous": None,
        "staff": UserFactory(full_name="Tiina Työntekijä"),
        "admin": _with_second_factor(admin),
    }
