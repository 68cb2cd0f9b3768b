"""The anonymous page cache (kaiku/core/cache.py): anonymous visitors share one rendering of
a public page; signed-in people never see it nor fill it; a write makes it out of date."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core import cache as page_cache
from kaiku.core.tests.page_cache import cache_on  # noqa: F401 (an autouse fixture)
from kaiku.news.tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

NEWS = "/fi/news/"
HOME = "/fi/"


@pytest.fixture
def item(db):
    return NewsItemFactory(title="Julkinen uutinen", slug="julkinen")


def test_second_anonymous_request_is_served_from_the_cache(client, item, django_assert_num_queries):
    first = client.get(NEWS)
    assert first.status_code == 200
    assert first["X-Kaiku-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(NEWS)
    assert second["X-Kaiku-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The outer middleware still adds its headers to the cached answer.
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


@pytest.mark.parametrize(
    "path",
    [
        HOME,
        NEWS,
        "/fi/news/julkinen/",
        "/fi/news/feed/rss/",
        "/api/v1/news/",
        "/fi/search/?q=uutinen",
        "/api/v1/search/?q=uutinen",
        "/fi/discussions/",
    ],
)
def test_public_pages_feeds_and_api_are_cached(client, item, path):
    assert client.get(path)["X-Kaiku-Cache"] == "miss"
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Kaiku-Cache"] == "hit"
    assert response.has_header("ETag") and response.has_header("Last-Modified")


def test_cached_pages_hold_no_csrf_token(client, item):
    client.get(NEWS)
    content = client.get(NEWS).content.decode()
    assert "csrfmiddlewaretoken" not in content


def test_signed_in_people_are_never_served_nor_stored(client, item):
    person = UserFactory(full_name="Kirsi Kirjautunut")
    anonymous = client.get(HOME).content
    client.force_login(person)
    for path in (HOME, NEWS, NEWS):
        response = client.get(path)
        assert response.status_code == 200
        # Their own page (kept for them alone at most), never the anonymous copy.
        assert "Kirsi Kirjautunut" in response.content.decode(), path
    signed_in = client.get(HOME)
    assert signed_in.content != anonymous
    assert "Kirsi Kirjautunut" in signed_in.content.decode()
    client.logout()
    client.cookies.clear()
    # The anonymous copy afterwards is the anonymous page: no name, no token of the person.
    for path in (HOME, NEWS):
        content = client.get(path).content.decode()
        assert "Kirsi Kirjautunut" not in content
        assert "csrfmiddlewaretoken" not in content
        assert client.get(path)["X-Kaiku-Cache"] == "hit"


def test_an_anonymous_visitor_with_a_session_is_not_served_from_the_cache(client, item, settings):
    client.get(NEWS)
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response = client.get(NEWS)
    assert response.status_code == 200
    assert "X-Kaiku-Cache" not in response


def test_token_clients_are_not_served_from_the_cache(client, item):
    client.get("/api/v1/news/")
    response = client.get("/api/v1/news/", headers={"Authorization": "Token nope"})
    assert "X-Kaiku-Cache" not in response


def test_a_write_invalidates(client, item, django_capture_on_commit_callbacks):
    client.get(NEWS)
    assert client.get(NEWS)["X-Kaiku-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        NewsItemFactory(title="Tuore uutinen", slug="tuore")
    response = client.get(NEWS)
    assert response["X-Kaiku-Cache"] == "miss"
    assert "Tuore uutinen" in response.content.decode()
    item.title = "Muutettu otsikko"
    item.save()
    assert "Muutettu otsikko" in client.get(NEWS).content.decode()
    item.delete()
    assert "Muutettu otsikko" not in client.get(NEWS).content.decode()


def test_many_to_many_changes_and_commits_invalidate(item, django_capture_on_commit_callbacks):
    from kaiku.news.tests.factories import KeywordFactory

    before = page_cache.content_generation()
    item.keywords.add(KeywordFactory())
    during = page_cache.content_generation()
    assert during != before
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        item.keywords.clear()
    assert callbacks  # replaced again once the transaction commits
    assert page_cache.content_generation() not in {before, during}


def test_writes_outside_the_content_apps_do_not_invalidate(client, item):
    before = page_cache.content_generation()
    person = UserFactory()
    assert page_cache.content_generation() != before  # people are content (member lists)
    before = page_cache.content_generation()
    person.save(update_fields=["last_login"])  # a sign-in
    client.force_login(person)  # sessions are not content
    assert page_cache.content_generation() == before


def test_if_none_match_answers_304(client, item):
    first = client.get(NEWS)
    etag = first["ETag"]
    for _ in range(2):  # from the store, then from the cache
        response = client.get(NEWS, headers={"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
    response = client.get(NEWS, headers={"If-Modified-Since": first["Last-Modified"]})
    assert response.status_code == 304
    assert client.get(NEWS, headers={"If-None-Match": '"other"'}).status_code == 200


def test_feeds_and_api_answer_304(client, item):
    for path in ("/fi/news/feed/rss/", "/api/v1/news/"):
        etag = client.get(path)["ETag"]
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_language_variants_do_not_mix(client, item):
    finnish = client.get(HOME)
    swedish = client.get("/sv/")
    assert swedish["X-Kaiku-Cache"] == "miss"
    assert 'lang="sv"' in swedish.content.decode()
    assert 'lang="fi"' in client.get(HOME).content.decode()
    assert client.get("/sv/").content == swedish.content != finnish.content
    # Addresses without a language prefix (the API) are kept apart by the request's language.
    api = "/api/v1/news/"
    client.get(api, headers={"Accept-Language": "sv"})
    assert client.get(api, headers={"Accept-Language": "en"})["X-Kaiku-Cache"] == "miss"
    assert client.get(api, headers={"Accept-Language": "sv"})["X-Kaiku-Cache"] == "hit"


def test_query_strings_and_htmx_are_kept_apart(client, item):
    client.get(NEWS)
    assert client.get(NEWS, {"q": "julkinen"})["X-Kaiku-Cache"] == "miss"
    partial = client.get(NEWS, headers={"HX-Request": "true"})
    assert partial["X-Kaiku-Cache"] == "miss"
    assert b"<html" not in partial.content
    assert b"<html" in client.get(NEWS).content


def test_responses_that_set_cookies_are_not_stored(client, settings):
    # The accessibility page has a feedback form: its CSRF token sets a cookie.
    settings.KAIKU_PAGE_CACHE_VIEWS = [*settings.KAIKU_PAGE_CACHE_VIEWS, "site:accessibility"]
    first = client.get("/fi/accessibility/")
    assert first.cookies
    client.cookies.clear()
    second = client.get("/fi/accessibility/")
    assert "X-Kaiku-Cache" not in second
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_storable_rules():
    request = RequestFactory().get(NEWS)
    request.resolver_match = None
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("a", "b")
    private = HttpResponse("x", headers={"Cache-Control": "private"})
    vary_all = HttpResponse("x", headers={"Vary": "*"})
    for response in (with_cookie, private, vary_all, HttpResponse("x", status=404)):
        assert not page_cache.response_is_storable(request, response)
    assert not page_cache.response_is_storable(request, HttpResponse("x"))  # no such view


def test_views_not_listed_are_not_stored_nor_looked_up(client, monkeypatch):
    client.get("/healthz")
    looked_up = []
    monkeypatch.setattr(page_cache, "page_key", lambda *a: looked_up.append(a) or "k")
    response = client.get("/healthz")
    assert "X-Kaiku-Cache" not in response
    assert looked_up == []  # learnt: the path's view is never cached


def test_the_cache_can_be_switched_off(client, item, settings):
    settings.KAIKU_PAGE_CACHE_ENABLED = False
    client.get(NEWS)
    assert "X-Kaiku-Cache" not in client.get(NEWS)
