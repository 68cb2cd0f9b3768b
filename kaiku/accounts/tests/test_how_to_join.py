"""The sign-in and sign-up pages tell once who can join Kaiku and how."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/fi/accounts/login/"
SIGNUP = "/fi/accounts/signup/"
HEADING = "Näin saat tunnuksen"
INVITATION = "Palveluun liitytään kutsulla"

OIDC = {
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


@pytest.mark.parametrize("url", [LOGIN, SIGNUP])
def test_invitation_is_explained_once_when_signup_is_closed(client, settings, url):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    body = client.get(url).content.decode()
    assert body.count(HEADING) == 1
    assert body.count(INVITATION) == 1
    assert "päättyy johonkin näistä" not in body


def test_closed_signup_does_not_say_it_twice_in_english(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    body = client.get("/en/accounts/signup/").content.decode()
    assert "We are sorry" not in body
    assert body.count("You join with an invitation") == 1


def test_login_page_does_not_send_people_to_a_closed_signup(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    body = client.get("/en/accounts/login/").content.decode()
    assert "/accounts/signup/" not in body


@pytest.mark.parametrize("url", [LOGIN, SIGNUP])
def test_allowed_domains_are_named(client, settings, url):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["tem.fi", "te-palvelut.fi"]
    body = client.get(url).content.decode()
    assert "@tem.fi" in body and "@te-palvelut.fi" in body
    assert body.count(HEADING) == 1


def test_login_links_to_signup_when_it_is_open(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["tem.fi"]
    body = client.get(LOGIN).content.decode()
    assert 'href="/fi/accounts/signup/"' in body


@pytest.mark.parametrize("url", [LOGIN, SIGNUP])
def test_single_sign_on_is_mentioned_when_configured(client, settings, url):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    body = client.get(url).content.decode()
    assert "kirjautumispalvelua Virtu" in body


def test_single_sign_on_is_not_mentioned_without_it(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert "kirjautumispalvelua" not in client.get(LOGIN).content.decode()
