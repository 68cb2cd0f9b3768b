"""Absolute links to the site's own pages, for everything read outside a browser session:
emails, RSS/Atom and iCalendar feeds.

They are built from ``settings.SITE_URL`` (the address people use), never from the request
host nor the Sites framework (whose default domain is ``example.com``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def site_url() -> str:
    """The site's address without a trailing slash, e.g. ``https://kaiku.fi``."""
    return settings.SITE_URL.rstrip("/")


def site_host() -> str:
    """The host name of the site's address, e.g. ``kaiku.fi``."""
    return urlsplit(settings.SITE_URL).hostname or "kaiku"


def absolute_url(path: str) -> str:
    """``path`` (e.g. ``/fi/news/``) on the site's address; an absolute URL is kept as is."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + "/" + path.lstrip("/")


def in_language(path: str, language: str) -> str:
    """``path`` (a page of the site, e.g. ``/fi/news/``) in ``language`` (``/sv/news/``).

    Django's ``translate_url`` resolves the path in the *active* language, so a stored
    ``/fi/`` address read while Swedish is active would come back unchanged; resolve it in
    the language of its own prefix instead. Paths that are not the site's pages are kept."""
    source = translation.get_language_from_path(path)
    if source is None:
        return path
    with translation.override(source):
        return translate_url(path, language)
