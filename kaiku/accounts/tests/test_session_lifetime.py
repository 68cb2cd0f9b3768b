"""Sessions end a fixed time after login (SESSION_ABSOLUTE_LIFETIME), however active."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def _expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_page_view_within_the_refresh_interval_writes_nothing(client, user, settings):
    settings.SESSION_REFRESH_SECONDS = 300
    client.force_login(user)
    client.get(PROFILE)  # the first use stamps the session
    before = _expiry(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PROFILE)
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert not [sql for sql in writes if "django_session" in sql]
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert _expiry(client) == before


def test_use_after_the_refresh_interval_extends_the_idle_expiry(client, user, settings):
    settings.SESSION_REFRESH_SECONDS = 300
    client.force_login(user)
    client.get(PROFILE)
    session = client.session
    session["kaiku_seen_at"] = time.time() - 301
    session.save()
    before = _expiry(client)
    response = client.get(PROFILE)
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME in response.cookies  # a new cookie expiry
    assert _expiry(client) > before
    assert time.time() - client.session["kaiku_seen_at"] < 5


def test_a_stamp_from_the_future_is_replaced(client, user, settings):
    settings.SESSION_REFRESH_SECONDS = 300
    client.force_login(user)
    session = client.session
    session["kaiku_seen_at"] = time.time() + 10_000
    session.save()
    client.get(PROFILE)
    assert client.session["kaiku_seen_at"] <= time.time()


def test_an_idle_session_ends(client, user, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(user)
    assert client.get(PROFILE).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/login/")
