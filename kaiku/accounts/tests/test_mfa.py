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


def test_email_verification_reachable_before_totp(client):
    # allauth activates TOTP only for a verified address, so that page must stay reachable.
    person = UserFactory()
    RoleAssignmentFactory(user=person, role="moderator")
    client.force_login(person)
    assert client.get("/fi/accounts/email/").status_code == 200


def test_activation_page_renders_for_verified_admin(client):
    from allauth.account.models import EmailAddress

    person = UserFactory(is_superuser=True, is_staff=True)
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    client.force_login(person)
    # allauth asks for the password again before MFA changes: that page is reachable too.
    reauth = client.get(ACTIVATE)
    assert reauth.status_code == 302 and "/accounts/reauthenticate/" in reauth["Location"]
    assert client.get(reauth["Location"]).status_code == 200
    from .factories import PASSWORD

    done = client.post(reauth["Location"], {"password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == ACTIVATE
    response = client.get(ACTIVATE)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1 and 'for="id_code"' in body
