"""The main navigation. Each capability registers its entry here when it exists, so the menu
never shows a link to something that is not built yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise

from .links import reverse_cached


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[HttpRequest], bool] = lambda request: True
    order: int = 100
    # One line for the front page's "what you find here"; entries without one are not listed.
    summary: str | Promise = ""


_registry: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _registry):
        _registry.append(item)
        _registry.sort(key=lambda i: i.order)


def navigation_for(request: HttpRequest) -> list[dict]:
    path = request.path
    items = []
    for item in _registry:
        if not item.visible(request):
            continue
        url = reverse_cached(item.url_name)
        # The front page is "current" only on itself; sections also on their sub-pages.
        current = path == url or (item.order > 0 and path.startswith(url))
        items.append({"label": item.label, "url": url, "current": current, "summary": item.summary})
    return items
