"""``{% kept %}``: the header's and footer's fixed markup is rendered once per language and
reused, the same bytes as rendered afresh, and never holds a page's or a person's data."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from kaiku.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_page_is_the_same_as_without_kept_fragments(client, language, monkeypatch):
    from kaiku.core.templatetags import kaiku as tags

    def page():
        html = client.get(f"/{language}/organisations/").content.decode()
        return re.sub(r'(nonce|value|content)="[A-Za-z0-9+/=_-]{32,}"', "", html)

    client.get(f"/{language}/organisations/")  # the fragments are kept now
    kept = page()
    monkeypatch.setattr(
        tags.KeptNode, "render", lambda self, context: self.nodelist.render(Context())
    )
    assert kept == page()
    assert f'<html lang="{language}">' in kept


def test_each_language_gets_its_own_fragment():
    fragment = Template('{% load i18n kaiku %}{% kept %}{% translate "Log in" %}{% endkept %}')
    seen = {}
    for language in ("fi", "sv", "en", "fi"):
        with translation.override(language):
            seen.setdefault(language, set()).add(fragment.render(Context()))
    assert seen == {"fi": {"Kirjaudu sisään"}, "sv": {"Logga in"}, "en": {"Log in"}}


def test_a_fragment_sees_no_page_or_person():
    """Rendered with an empty context: a person's name written inside by mistake shows
    nothing (and so is never shown to the next visitor)."""
    person = UserFactory.build(full_name="Salainen Henkilö")
    fragment = Template("{% load kaiku %}{% kept %}[{{ user.full_name }}]{% endkept %}")
    assert fragment.render(Context({"user": person})) == "[]"


def test_a_setting_change_renders_the_fragments_again(settings):
    fragment = Template("{% load static kaiku %}{% kept %}{% static 'a.css' %}{% endkept %}")
    first = fragment.render(Context())
    settings.STATIC_URL = "/elsewhere/"
    assert fragment.render(Context()) != first
