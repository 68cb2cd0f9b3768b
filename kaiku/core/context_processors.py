from __future__ import annotations

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from .navigation import navigation_for


def language_links(request) -> list[dict]:
    """Links to the page being viewed in each other language.

    Plain links, so the switch works without JavaScript and whatever language the browser
    prefers. Following one changes nothing stored: a GET never does. A page outside the
    language-prefixed URLs (or one that does not resolve) links to the front page instead.
    """
    current = get_language()
    full_path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        url = _translated(full_path, current, code)
        links.append({"code": code, "name": info["name_local"].capitalize(), "url": url})
    return links


@functools.lru_cache(maxsize=4096)
def _translated(full_path: str, current: str, code: str) -> str:
    """``full_path`` (a page in ``current``) in the language ``code``: resolving the page and
    reversing it again is the same every time for the same address, and every page has
    two of these links."""
    url = translate_url(full_path, code)
    return f"/{code}/" if url == full_path else url


setting_changed.connect(
    lambda **kwargs: _translated.cache_clear(), weak=False, dispatch_uid="kaiku.language_links"
)


def site(request):
    """Site-wide template context: the navigation the viewer may see, the site URL and the
    language switch's links. The lists are worked out only when a template reads them: the
    layout's header writes them itself (``kaiku/core/templatetags/layout.py``)."""
    return {
        "site_url": settings.SITE_URL,
        "main_navigation": lambda: navigation_for(request),
        "language_links": lambda: language_links(request),
    }
