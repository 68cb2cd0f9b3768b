"""API tokens: hashed, expiring, revoked with the password, and under the MFA rule."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from kaiku.accounts import services
from kaiku.accounts.models import ApiToken
from kaiku.core.models import AuditAction, AuditEvent

from .factories import PASSWORD, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/regions/"
PROFILE = "/fi/profile/"


def _api(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _key(user):
    return services.token_create(user=user, actor=user).key


def test_token_authenticates_with_the_token_header(user):
    key = _key(user)
    assert _api(key).get(API).status_code == 200
    token = ApiToken.objects.get(user=user)
    assert token.last_used_at is not None
    assert _api(key + "x").get(API).status_code == 401


def test_only_a_hash_of_the_key_is_stored(user):
    key = _key(user)
    token = ApiToken.objects.get(user=user)
    assert token.key_hash and key not in token.key_hash
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        assert not any(key in str(value) for row in cursor.fetchall() for value in row)


def test_token_expires(user, settings):
    settings.KAIKU_API_TOKEN_DAYS = 30
    key = _key(user)
    token = ApiToken.objects.get(user=user)
    assert abs(token.expires_at - (timezone.now() + datetime.timedelta(days=30))).seconds < 60
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = _api(key).get(API)
    assert response.status_code == 401
    assert "vanhentunut" in response.json()["message"].lower()  # "has expired", in Finnish


@pytest.mark.parametrize("role", ["administrator", "moderator"])
def test_privileged_token_without_second_factor_is_refused(role, totp):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=role)
    key = _key(person)
    response = _api(key).get(API)
    assert response.status_code == 403
    assert "kaksivaiheista" in response.json()["message"].lower()  # "two-factor", in Finnish
    totp(person)
    assert _api(key).get(API).status_code == 200


def test_superuser_token_without_second_factor_is_refused():
    person = UserFactory(is_superuser=True, is_staff=True)
    assert _api(_key(person)).get(API).status_code == 403


def test_password_change_revokes_tokens(client, user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    key = _key(user)
    client.force_login(user)
    new_password = "Another-long-passphrase-77"
    response = client.post(
        "/fi/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=user).exists()
    assert _api(key).get(API).status_code == 401
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN_REVOKED, target_id=str(user.pk))


def test_any_password_change_revokes_tokens(user):
    # Password reset, the admin's password form and `changepassword` all set a new password.
    _key(user)
    user.set_password("Reset-by-email-link-123")
    user.save()
    assert not ApiToken.objects.filter(user=user).exists()


def test_disabling_the_account_revokes_tokens(user, administrator):
    key = _key(user)
    services.user_disable(user=user, actor=administrator)
    assert not ApiToken.objects.filter(user=user).exists()
    assert _api(key).get(API).status_code == 401


def test_profile_lists_token_dates_and_shows_key_once(client, user):
    from django.utils import translation
    from django.utils.translation import gettext

    client.force_login(user)
    created = client.post("/fi/profile/token/")
    assert created.status_code == 200
    key = re.search(r'id="new-token"[^>]*value="([^"]+)"', created.content.decode()).group(1)
    assert _api(key).get(API).status_code == 200
    assert key not in str(dict(client.session))
    page = client.get(PROFILE).content.decode()
    assert 'id="new-token"' not in page and key not in page
    with translation.override("fi"):
        for label in ["Created", "Last used", "Expires"]:
            assert f">{gettext(label)}</th>" in page


def test_expired_token_is_replaced_on_create(user):
    services.token_create(user=user, actor=user)
    ApiToken.objects.filter(user=user).update(expires_at=timezone.now())
    new = services.token_create(user=user, actor=user)
    assert ApiToken.objects.filter(user=user).get().pk == new.pk


def test_create_api_token_command(user, capsys):
    call_command("create_api_token", user.email)
    key = capsys.readouterr().out.strip()
    assert _api(key).get(API).status_code == 200
    with pytest.raises(CommandError):
        call_command("create_api_token", user.email)
    call_command("create_api_token", user.email.upper(), "--rotate")
    new_key = capsys.readouterr().out.strip()
    assert new_key != key
    assert _api(key).get(API).status_code == 401
    assert _api(new_key).get(API).status_code == 200
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody@example.org")
