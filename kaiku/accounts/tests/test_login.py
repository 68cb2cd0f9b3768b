from __future__ import annotations

import re

import pytest

from kaiku.core.models import AuditAction, AuditEvent

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/fi/accounts/login/"


def test_login_works_and_is_audited(client):
    user = UserFactory(email="tiina@example.org")
    response = client.post(LOGIN, {"login": "tiina@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=user).count() == 1


def test_login_redirects_to_preferred_language(client):
    UserFactory(email="sofia@example.org", preferred_language="sv")
    response = client.post(LOGIN, {"login": "sofia@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/sv/")
    assert response.cookies["django_language"].value == "sv"


def _normalised(response, email):
    body = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def test_failed_login_audited_and_unknown_account_looks_like_wrong_password(client):
    UserFactory(email="known@example.org")
    wrong = client.post(LOGIN, {"login": "known@example.org", "password": "wrong-password-1"})
    unknown = client.post(LOGIN, {"login": "nobody@example.org", "password": "wrong-password-1"})
    assert wrong.status_code == unknown.status_code == 200
    assert _normalised(wrong, "known@example.org") == _normalised(unknown, "nobody@example.org")
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert set(failed.values_list("actor_label", flat=True)) == {
        "known@example.org",
        "nobody@example.org",
    }
    # The password never reaches the audit log.
    assert "wrong-password-1" not in str(list(failed.values_list("data", flat=True)))


def test_axes_locks_out_after_failure_limit(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="target@example.org")
    for _ in range(3):
        client.post(LOGIN, {"login": "target@example.org", "password": "wrong-password-1"})
    response = client.post(LOGIN, {"login": "target@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "accounts/lockout.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        action=AuditAction.LOCKOUT, actor_label="target@example.org"
    ).exists()
    # The lockout is per account and address: another person from the same IP still logs in.
    UserFactory(email="colleague@example.org")
    other = client.post(LOGIN, {"login": "colleague@example.org", "password": PASSWORD})
    assert other.status_code == 302


def test_auth_pages_render_in_site_layout(client, user):
    for url in [LOGIN, "/fi/accounts/password/reset/"]:
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200
        assert body.count("<main") == 1 and body.count("<h1") == 1
        assert 'class="site-header"' in body
    client.force_login(user)
    for url in ["/fi/accounts/email/", "/fi/accounts/2fa/", "/fi/accounts/password/change/"]:
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert body.count("<main") == 1 and body.count("<h1") == 1


def test_password_reset_sends_email(client, mailoutbox):
    UserFactory(email="forgot@example.org")
    response = client.post("/fi/accounts/password/reset/", {"email": "forgot@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_sso_button_shown_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "virtu",
                    "name": "Virtu",
                    "client_id": "kaiku",
                    "secret": "x",
                    "settings": {"server_url": "https://idp.example"},
                }
            ]
        }
    }
    body = client.get(LOGIN).content.decode()
    assert "/accounts/oidc/virtu/login/" in body


def test_password_change_is_audited(client):
    user = UserFactory(email="vaihto@example.org")
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    new = "Uusi-salasana-2026-xyz"
    response = client.post(
        "/fi/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGED, actor=user).exists()
