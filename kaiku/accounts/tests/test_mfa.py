from __future__ import annotations

import pytest

from .factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
ACTIVATE = "/fi/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("role", ["administrator", "moderator"])
def test_role_without_totp_is_sent_to_activation(client, role):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=role)
    client.force_login(person)
    response = client.get("/fi/")
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    # The MFA pages themselves and logging out stay reachable.
    assert client.get("/fi/accounts/2fa/").status_code == 200
    assert client.post("/fi/accounts/logout/").status_code == 302


def test_superuser_without_totp_is_sent_to_activation(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/fi/profile/")["Location"] == ACTIVATE
    assert client.get("/fi/admin/")["Location"] == ACTIVATE


def test_role_with_totp_passes(client, totp):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role="moderator")
    totp(person)
    client.force_login(person)
    assert client.get("/fi/").status_code == 200


def test_ordinary_user_is_not_redirected(client, user):
    client.force_login(user)
    assert client.get("/fi/").status_code == 200
    assert client.get("/fi/profile/").status_code == 200


def test_admin_site_requires_totp_from_staff(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/fi/admin/")["Location"] == ACTIVATE


def test_not_enforced_when_setting_off(client, settings):
    settings.KAIKU_MFA_ENFORCED = False
    person = UserFactory()
    RoleAssignmentFactory(user=person, role="administrator")
    client.force_login(person)
    assert client.get("/fi/").status_code == 200
