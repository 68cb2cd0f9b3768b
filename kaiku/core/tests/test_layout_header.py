# ruff: noqa: E501 - the template markup as it was, line for line
"""The header's menu, language switch and account links are written in Python
(``kaiku/core/templatetags/layout.py``): the same bytes as the template markup they replace,
for every language and kind of visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core.context_processors import language_links
from kaiku.core.navigation import navigation_for

pytestmark = pytest.mark.django_db

# The markup as base.html wrote it before the tags (loops and conditions in the template).
TEMPLATE_MARKUP = """{% load i18n %}
              {% for item in main_navigation %}
                <li><a href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>{{ item.label }}</a></li>
              {% endfor %}
|
                {% for language in language_links %}
                  <li><a href="{{ language.url }}" hreflang="{{ language.code }}" lang="{{ language.code }}">{{ language.name }}</a></li>
                {% endfor %}
|
              {% if user.is_authenticated %}
                <li><a href="{% url 'accounts:profile' %}">{{ user.display_name }}</a></li>
                {% with unread=notifications_unread_count %}<li><a href="{% url 'notifications:list' %}">{% translate "Notifications" %}{% if unread %} <span class="badge">{{ unread }}<span class="visually-hidden"> {% blocktranslate count counter=unread context "notifications badge" %}unread{% plural %}unread{% endblocktranslate %}</span></span>{% endif %}</a></li>{% endwith %}
                {% if user.is_staff %}<li><a href="{% url 'admin:index' %}">{% translate "Administration" %}</a></li>{% endif %}
                <li>
                  <form action="{% url 'account_logout' %}" method="post" class="inline-form">
                    {% csrf_token %}<button type="submit" class="link-button">{% translate "Log out" %}</button>
                  </form>
                </li>
              {% else %}
                <li><a href="{% url 'account_login' %}?next={{ request.get_full_path|urlencode }}">{% translate "Log in" %}</a></li>
              {% endif %}
"""
TAGS = """{% load layout %}{% site_navigation %}
|{% language_switch %}
|{% account_links %}
"""


def _render(source: str, request, extra: dict) -> str:
    context = Context({"request": request, "user": request.user, **extra})
    return Template(source).render(context)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("who", ["anonymous", "member", "staff", "unread"])
@pytest.mark.parametrize(
    "path", ["/{l}/", "/{l}/news/", "/{l}/search/?q=a%26b&x=<1>", "/{l}/no/such/page/"]
)
def test_the_tags_write_what_the_template_wrote(language, who, path):
    address = path.format(l=language)
    request = RequestFactory().get(address)
    if who == "anonymous":
        request.user = AnonymousUser()
    else:
        request.user = UserFactory(full_name="Åsa <Öberg> & co", is_staff=who == "staff")
    unread = {"notifications_unread_count": lambda: 1234} if who == "unread" else {}
    with translation.override(language):
        request.LANGUAGE_CODE = language
        old = _render(
            TEMPLATE_MARKUP,
            request,
            {
                "main_navigation": navigation_for(request),
                "language_links": language_links(request),
                "csrf_token": "tokentoken",
                **unread,
            },
        )
        new = _render(TAGS, request, {"csrf_token": "tokentoken", **unread})
    assert new == old
    if who == "unread":
        assert "1234" in new or "1\xa0234" in new or "1,234" in new


def test_a_page_marks_its_section_current(client):
    html = client.get("/en/news/").content.decode()
    assert 'href="/en/news/" aria-current="page"' in html


def test_the_menu_follows_what_is_registered(client):
    from kaiku.core import navigation

    before = navigation.generation()
    navigation.register(navigation.NavItem("Extra entry", "site:accessibility", order=999))
    try:
        assert navigation.generation() != before
        request = RequestFactory().get("/en/")
        request.user = AnonymousUser()
        with translation.override("en"):
            html = Template("{% load layout %}{% site_navigation %}").render(
                Context({"request": request})
            )
        assert ">Extra entry</a></li>" in html
    finally:
        navigation._registry[:] = [
            item for item in navigation._registry if item.label != "Extra entry"
        ]
        navigation._generation += 1
