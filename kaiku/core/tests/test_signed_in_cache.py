"""A signed-in person's repeat GETs of the listed pages are kept for them
(``kaiku.core.cache.SignedInPageCacheMiddleware``): a repeat view is served without the view,
yet it is never another person's or another browser's page, never out of date after the
person's own write, anyone's content write or a new notification, never served to a session
that has signed out, and a kept form still posts."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kaiku.core.tests.page_cache import cache_on  # noqa: F401
from kaiku.news.tests.factories import NewsItemFactory
from kaiku.notifications.tests.factories import NotificationFactory
from kaiku.programme.models import MemberRole
from kaiku.programme.tests.factories import (
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroupFactory(programme=ProgrammeFactory(slug="te24"), name="Avoin", slug="avoin")


@pytest.fixture
def maija(group):
    person = UserFactory(full_name="Maija Jäsen")
    MembershipFactory(group=group, person=person, role=MemberRole.MEMBER)
    return person


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.get("X-Kaiku-Cache"), response.content.decode()


def _signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_repeat_view_is_served_kept_and_the_same(group, maija):
    client = _signed_in(maija)
    path = group.get_absolute_url().replace("/fi/", "/en/", 1)
    _page(client, path)  # the browser gets its CSRF cookie
    state, first = _page(client, path)
    again_state, again = _page(client, path)
    assert (state, again_state) == ("miss", "hit")
    assert again == first and "Maija" in again


def test_never_another_persons_page(group, maija):
    path = group.get_absolute_url().replace("/fi/", "/en/", 1)
    client = _signed_in(maija)
    for _ in range(2):
        _page(client, path)
    other = _signed_in(UserFactory(full_name="Ville Toinen"))
    for _ in range(2):
        state, html = _page(other, path)
        assert state != "hit" or "Ville" in html
    assert "Ville Toinen" in html and "Maija Jäsen</span>" not in html.split("<main")[0]


def test_own_write_and_others_content_show_at_once(group, maija):
    client = _signed_in(maija)
    path = group.get_absolute_url().replace("/fi/", "/en/", 1)
    for _ in range(2):
        _, html = _page(client, path)
    assert "Following – stop following" not in html
    response = client.post(
        "/en/notifications/follow/", {"kind": "programme.workinggroup", "object_id": group.pk}
    )
    assert response.status_code == 302
    _page(client, "/en/")  # the success message is shown (and used up) there
    state, html = _page(client, path)
    assert state == "miss" and "Following – stop following" in html
    _page(client, "/en/news/")
    NewsItemFactory(title="Tuore uutinen")
    state, html = _page(client, "/en/news/")
    assert state == "miss" and "Tuore uutinen" in html


def test_a_new_notification_updates_the_header_badge(group, maija):
    client = _signed_in(maija)
    path = group.get_absolute_url().replace("/fi/", "/en/", 1)
    for _ in range(2):
        _page(client, path)
    NotificationFactory(user=maija)
    state, html = _page(client, path)
    assert state == "miss" and re.search(r'class="[^"]*badge[^"]*"[^>]*>\s*1\s*<', html)


def test_a_signed_out_session_gets_no_kept_page(group, maija):
    client = _signed_in(maija)
    path = group.get_absolute_url().replace("/fi/", "/en/", 1)
    for _ in range(2):
        _page(client, path)
    stolen = client.cookies["sessionid"].value
    assert client.post("/en/accounts/logout/").status_code == 302
    thief = Client()
    thief.cookies["sessionid"] = stolen
    html = thief.get(path).content.decode()
    assert "Maija Jäsen" not in html.split("<main")[0]


def test_pending_messages_are_shown_not_a_kept_page(group, maija):
    client = _signed_in(maija)
    path = group.get_absolute_url().replace("/fi/", "/en/", 1)
    for _ in range(2):
        _page(client, path)
    client.post(
        "/en/notifications/follow/", {"kind": "programme.workinggroup", "object_id": group.pk}
    )
    state, html = _page(client, path)
    assert state != "hit" and "You now follow" in html
    state, html = _page(client, path)
    assert "You now follow" not in html


def test_a_kept_form_posts_from_its_own_browser_only(group, maija):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(maija)
    path = group.get_absolute_url().replace("/fi/", "/en/", 1)
    _page(browser, path)
    _page(browser, path)
    state, html = _page(browser, path)
    assert state == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browser.post(
        "/en/notifications/follow/",
        {"kind": "programme.workinggroup", "object_id": group.pk, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    # The same person in another browser never gets the first browser's page.
    other_browser = Client(enforce_csrf_checks=True)
    other_browser.force_login(maija)
    assert _page(other_browser, path)[0] != "hit"
