"""Visitors who hit an unknown address or a server error see the site's own pages, also in
development (``make run``), where Django would otherwise show its technical 404 page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from kaiku.site.middleware import SiteNotFoundPageMiddleware

pytestmark = pytest.mark.django_db

MIDDLEWARE_PATH = f"{SiteNotFoundPageMiddleware.__module__}.{SiteNotFoundPageMiddleware.__name__}"


def _assert_site_404(response):
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert '<html lang="fi">' in html
    assert "Siirry pääsisältöön" in html  # the site's layout, in Finnish
    assert 'href="/fi/"' in html  # a way back to the front page
    assert "URLconf" not in html  # not Django's technical page


def test_unknown_address_shows_the_sites_404_page(client):
    _assert_site_404(client.get("/fi/no-such-page/"))


def test_unknown_object_shows_the_sites_404_page(client):
    _assert_site_404(client.get("/fi/programmes/no-such-programme/"))


def _development_middleware():
    axes = settings.MIDDLEWARE.index("axes.middleware.AxesMiddleware")
    return [*settings.MIDDLEWARE[:axes], MIDDLEWARE_PATH, *settings.MIDDLEWARE[axes:]]


@pytest.mark.parametrize("path", ["/fi/no-such-page/", "/fi/programmes/no-such-programme/"])
def test_development_shows_the_sites_404_page_with_debug_on(client, path):
    with override_settings(DEBUG=True, MIDDLEWARE=_development_middleware()):
        _assert_site_404(client.get(path))


def test_development_settings_use_the_middleware():
    import importlib

    local = importlib.import_module("config.settings.local")
    assert MIDDLEWARE_PATH in local.MIDDLEWARE
    assert local.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_development_middleware_leaves_existing_pages_alone(client):
    with override_settings(DEBUG=True, MIDDLEWARE=_development_middleware()):
        response = client.get("/fi/")
    assert response.status_code == 200


def test_500_page_renders_without_touching_the_database(rf):
    request = rf.get("/fi/")
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert response.status_code == 500
    assert len(queries) == 0
    html = response.content.decode()
    assert '<html lang="fi">' in html
    assert "kaiku/css/kaiku.css" in html  # the site's look
    assert "Etusivu" in html  # a way back, in Finnish
    assert "Server Error (500)" not in html  # Django's bare fallback
