from __future__ import annotations

import pytest
from django.utils import translation

from kaiku.core.navigation import navigation_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "en"])
def test_front_page_promises_only_what_exists(client, language):
    html = client.get(f"/{language}/").content.decode().lower()
    # Questions and answers exist (issue 8); surveys and change support do not yet.
    for word in ("kysely", "muutostuki", "survey"):
        assert word not in html, word
    assert "/questions/" in html


def test_front_page_lists_the_capabilities_in_the_menu(client, rf):
    html = client.get("/fi/").content.decode()
    request = rf.get("/fi/")
    request.user = None
    with translation.override("fi"):
        features = [i for i in navigation_for(request) if i["summary"]]
        assert features
        for item in features:
            assert f'<a href="{item["url"]}">{item["label"]}</a>' in html
            assert str(item["summary"]) in html
    assert "Kaiken julkisen sisällön voi lukea kirjautumatta." in html
    assert "Työryhmät jäsenineen" in html


def test_menu_and_page_call_programmes_the_same(client):
    html = client.get("/fi/").content.decode()
    assert ">Ohjelmat<" in html
    assert ">Ohjelma<" not in html
