from __future__ import annotations

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_root_redirects_to_finnish_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept, expected",
    [("sv", "/sv/"), ("sv-FI,sv;q=0.9", "/sv/"), ("en-GB", "/en/"), ("de", "/fi/")],
)
def test_root_follows_accept_language(client, accept, expected):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_set_language_sets_the_cookie_and_translates_next(client):
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/fi/accessibility/"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/accessibility/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "sv"
    assert int(cookie["max-age"]) == settings.LANGUAGE_COOKIE_AGE

    # Remembered: the bare address now leads to Swedish.
    response = client.get("/")
    assert response["Location"] == "/sv/"


@pytest.mark.django_db
def test_set_language_refuses_foreign_next(client):
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_pages_declare_their_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
