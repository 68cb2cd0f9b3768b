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
_generation = 0


def register(item: NavItem) -> None:
    global _generation
    if all(existing.url_name != item.url_name for existing in _registry):
        _registry.append(item)
        _registry.sort(key=lambda i: i.order)
        _generation += 1


def entries() -> tuple[NavItem, ...]:
    """Every registered entry, in menu order (whoever may see it)."""
    return tuple(_registry)


def generation() -> int:
    """A number that changes whenever an entry is registered (for what is kept per menu)."""
    return _generation


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
