""" "What is new" on the front page. Each capability registers a provider that returns its
newest items the viewer may see; the front page merges them by date.

A provider is ``callable(viewer, limit) -> list[WhatsNewItem]`` and must run a fixed number of
queries, whatever the amount of content. Most of the candidates do not make the cut (six
providers offer ``limit`` items each for ``limit`` places), so a provider may give ``title``
and ``url`` as functions of no arguments: they are called only for the items shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.functional import Promise


class WhatsNewItem:
    """One item: ``title`` (escaped HTML, a SafeString, when it marks a passage's language),
    ``url``, ``date`` and ``kind``. ``title`` and ``url`` may be given as functions of no
    arguments, called once when first read."""

    __slots__ = ("_title", "_url", "date", "kind")

    def __init__(
        self,
        *,
        title: str | Callable[[], str],
        url: str | Callable[[], str],
        date: datetime.datetime | datetime.date,
        kind: str | Promise,
    ) -> None:
        self._title = title
        self._url = url
        self.date = date
        self.kind = kind

    @property
    def title(self) -> str:
        if callable(self._title):
            self._title = self._title()
        return self._title

    @property
    def url(self) -> str:
        if callable(self._url):
            self._url = self._url()
        return self._url

    def __repr__(self) -> str:
        return f"<WhatsNewItem {self.kind}: {self.date}>"


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
