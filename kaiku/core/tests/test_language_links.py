"""The language switch is a plain link to the same page in another language.

It must work whatever language the browser prefers: a person whose browser asks for English
or Swedish still gets the page they chose, not the one their browser prefers.
"""

from __future__ import annotations

import re

import pytest

from kaiku.accounts.models import User
from kaiku.accounts.tests.factories import UserFactory
from kaiku.programme.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
PAGE = "/fi/programmes/te-palvelut-2024/"
BROWSERS = ["en-US,en;q=0.9", "sv-FI,sv;q=0.9", "fi-FI"]


@pytest.fixture
def programme(db):
    return ProgrammeFactory(slug="te-palvelut-2024", name="TE-palvelut 2024")


def switch_links(html: str) -> dict[str, str]:
    """{language: href} of the language switch's links."""
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, re.S)
    assert nav, "no language switch on the page"
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+"', nav.group(0))
    return {language: href for href, language in links}


def html_lang(html: str) -> str:
    return re.search(r'<html lang="(\w+)"', html).group(1)


@pytest.mark.parametrize("accept", BROWSERS)
def test_switch_links_keep_the_page_whatever_the_browser_prefers(client, programme, accept):
    response = client.get(PAGE, headers={"accept-language": accept})
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "fi"
    links = switch_links(html)
    assert links == {
        "sv": "/sv/programmes/te-palvelut-2024/",
        "en": "/en/programmes/te-palvelut-2024/",
    }
    assert '<a href="/sv/programmes/te-palvelut-2024/" hreflang="sv" lang="sv">Svenska</a>' in html

    for language, href in links.items():
        followed = client.get(href, headers={"accept-language": accept})
        assert followed.status_code == 200
        assert html_lang(followed.content.decode()) == language
        # From the other language, the way back to Finnish is offered.
        assert switch_links(followed.content.decode())["fi"] == PAGE


def test_switch_links_keep_the_query_string(client, programme):
    html = client.get(PAGE + "?page=2", headers={"accept-language": "en-US"}).content.decode()
    assert switch_links(html)["sv"] == "/sv/programmes/te-palvelut-2024/?page=2"


def test_following_a_link_does_not_change_the_stored_choice(client, programme):
    person = UserFactory(preferred_language="fi")
    client.force_login(person)
    client.get("/sv/programmes/te-palvelut-2024/", headers={"accept-language": "en-US"})
    assert User.objects.get(pk=person.pk).preferred_language == "fi"


@pytest.mark.parametrize("accept", BROWSERS)
def test_the_post_switch_keeps_the_page_whatever_the_browser_prefers(client, programme, accept):
    response = client.post(
        "/i18n/setlang/",
        {"language": "sv", "next": PAGE},
        headers={"accept-language": accept},
    )
    assert response.status_code == 302
    assert response["Location"] == "/sv/programmes/te-palvelut-2024/"
