"""The signed-in person of every page is read by a kept query
(``kaiku.accounts.middleware.AuthenticationMiddleware``), with Django's checks of the
session: the same person, or nobody, as ``django.contrib.auth.get_user`` would give."""

from __future__ import annotations

import pytest
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.test import RequestFactory

from kaiku.accounts.middleware import _person_of_session
from kaiku.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def request_of(client):
    request = RequestFactory().get("/fi/")
    request.session = client.session
    return request


def same_as_django(client):
    ours = _person_of_session(request_of(client))
    djangos = auth.get_user(request_of(client))
    assert (ours.pk, ours.is_authenticated) == (djangos.pk, djangos.is_authenticated)
    return ours


def test_a_signed_in_person(client):
    person = UserFactory()
    client.force_login(person)
    assert same_as_django(client).pk == person.pk
    assert client.get("/fi/accessibility/").context["user"].pk == person.pk


@pytest.mark.parametrize(
    "backend",
    [
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    ],
)
def test_either_backend(client, backend):
    person = UserFactory()
    client.force_login(person, backend=backend)
    assert client.session[BACKEND_SESSION_KEY] == backend
    assert same_as_django(client).pk == person.pk


def test_a_changed_password_ends_the_session(client):
    person = UserFactory()
    client.force_login(person)
    person.set_password("a new one, long enough")
    person.save()
    request = request_of(client)
    assert not _person_of_session(request).is_authenticated
    assert HASH_SESSION_KEY not in request.session  # flushed, as Django does


def test_a_session_without_its_hash_is_nobody(client):
    client.force_login(UserFactory())
    session = client.session
    del session[HASH_SESSION_KEY]
    session.save()
    assert not same_as_django(client).is_authenticated


def test_a_disabled_account_is_nobody(client):
    person = UserFactory()
    client.force_login(person)
    person.is_active = False
    person.save()
    assert not same_as_django(client).is_authenticated


def test_a_removed_account_is_nobody(client):
    person = UserFactory()
    client.force_login(person)
    person.delete()
    assert not same_as_django(client).is_authenticated


def test_a_hash_of_a_fallback_secret_is_renewed(client, settings):
    person = UserFactory()
    settings.SECRET_KEY = "the old secret, long and random enough for the test 0123456789"
    client.force_login(person)
    old_hash = client.session[HASH_SESSION_KEY]
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the new secret, long and random enough for the test 9876543210"
    request = request_of(client)
    assert _person_of_session(request).pk == person.pk
    assert request.session[HASH_SESSION_KEY] != old_hash
    assert request.session[HASH_SESSION_KEY] == person.get_session_auth_hash()


def test_a_backend_no_longer_in_the_settings_is_nobody(client, settings):
    client.force_login(UserFactory(), backend="django.contrib.auth.backends.ModelBackend")
    settings.AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
    assert not same_as_django(client).is_authenticated


def test_pages_read_the_person_once(client, django_assert_num_queries):
    person = UserFactory()
    client.force_login(person)
    client.get("/fi/accessibility/")
    # The session and the person (the roles, the permissions' presence, TOTP, the unread
    # count and the onboarding entry come with the person: accounts.middleware._person).
    with django_assert_num_queries(2):
        assert client.get("/fi/accessibility/").status_code == 200
