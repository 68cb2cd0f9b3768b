""" "What is new" on the front page. Each capability registers a provider that returns its
newest items the viewer may see; the front page merges them by date.

A provider is ``callable(viewer, limit) -> list[WhatsNewItem]`` and must run a fixed number of
queries, whatever the amount of content.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class WhatsNewItem:
    title: str  # escaped HTML (SafeString) when it marks a passage's language
    url: str
    date: datetime.datetime | datetime.date
    kind: str | Promise


Provider = Callable[..., list[WhatsNewItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def _sort_key(item: WhatsNewItem) -> datetime.datetime:
    value = item.date
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)
    return value


def latest(*, viewer, limit: int = 10) -> list[WhatsNewItem]:
    items: list[WhatsNewItem] = []
    for provider in _providers:
        items.extend(provider(viewer=viewer, limit=limit))
    items.sort(key=_sort_key, reverse=True)
    return items[:limit]
