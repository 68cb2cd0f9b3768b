"""Absolute links to the site's own pages, for everything read outside a browser session:
emails, RSS/Atom and iCalendar feeds.

They are built from ``settings.SITE_URL`` (the address people use), never from the request
host nor the Sites framework (whose default domain is ``example.com``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


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
