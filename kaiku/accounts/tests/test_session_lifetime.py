"""Sessions end a fixed time after login (SESSION_ABSOLUTE_LIFETIME), however active."""

from __future__ import annotations

import time

import pytest

from kaiku.accounts.middleware import LOGIN_AT_SESSION_KEY

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PROFILE = "/fi/profile/"


def _login_at(client, seconds_ago: float) -> None:
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = time.time() - seconds_ago
    session.save()


def test_login_records_the_time(client):
    person = UserFactory(email="aika@example.org")
    before = time.time()
    response = client.post("/fi/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    assert before <= client.session[LOGIN_AT_SESSION_KEY] <= time.time()


def test_session_within_its_lifetime_goes_on(client, user, settings):
    settings.SESSION_ABSOLUTE_LIFETIME = 24 * 60 * 60
    client.force_login(user)
    _login_at(client, 23 * 60 * 60)
    assert client.get(PROFILE).status_code == 200


def test_session_past_its_lifetime_is_logged_out(client, user, settings):
    settings.SESSION_ABSOLUTE_LIFETIME = 24 * 60 * 60
    client.force_login(user)
    assert client.get(PROFILE).status_code == 200  # activity does not extend the lifetime
    _login_at(client, 24 * 60 * 60 + 1)
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/login/")
    assert "next=/fi/profile/" in response["Location"]
    assert "_auth_user_id" not in client.session
    # Still logged out afterwards.
    assert client.get(PROFILE)["Location"].startswith("/fi/accounts/login/")


def test_default_lifetime_is_a_day(settings):
    from config.settings import base

    assert base.SESSION_ABSOLUTE_LIFETIME == 24 * 60 * 60


def test_expired_session_on_the_api_goes_on_anonymously(client, user, settings):
    settings.SESSION_ABSOLUTE_LIFETIME = 60
    client.force_login(user)
    _login_at(client, 61)
    response = client.get("/api/v1/regions/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
