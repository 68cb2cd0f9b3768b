from __future__ import annotations

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from .navigation import navigation_for


def _language_links(request) -> list[dict]:
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
        url = translate_url(full_path, code)
        if url == full_path:
            url = f"/{code}/"
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"].capitalize(), "url": url})
    return links


def site(request):
    """Site-wide template context: the navigation the viewer may see, the site URL and the
    language switch's links."""
    return {
        "site_url": settings.SITE_URL,
        "main_navigation": navigation_for(request),
        "language_links": _language_links(request),
    }
