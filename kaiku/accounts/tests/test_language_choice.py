"""Switching language stores the choice on the profile, only for a request that passed CSRF."""

from __future__ import annotations

import pytest
from django.test import Client

from kaiku.accounts.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db
SETLANG = "/i18n/setlang/"


def test_forged_language_post_changes_nothing():
    person = UserFactory(preferred_language="fi")
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post(SETLANG, {"language": "sv", "next": "/fi/"})
    assert response.status_code == 403
    assert User.objects.get(pk=person.pk).preferred_language == "fi"


def test_language_post_with_csrf_token_is_stored():
    person = UserFactory(preferred_language="fi")
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    client.get("/fi/")  # the page with the language switch sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        SETLANG, {"language": "sv", "next": "/fi/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == "/sv/"
    assert User.objects.get(pk=person.pk).preferred_language == "sv"


def test_unknown_language_is_not_stored(client):
    person = UserFactory(preferred_language="fi")
    client.force_login(person)
    client.post(SETLANG, {"language": "de", "next": "/fi/"})
    client.post(SETLANG, {"language": "x" * 50, "next": "/fi/"})
    assert User.objects.get(pk=person.pk).preferred_language == "fi"


def test_anonymous_language_switch_still_works(client):
    response = client.post(SETLANG, {"language": "en", "next": "/fi/"})
    assert response.status_code == 302 and response["Location"] == "/en/"
