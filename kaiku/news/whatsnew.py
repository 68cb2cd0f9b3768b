"""The front page's "What is new": the newest published news the viewer may see, pinned
first. One query, whatever the amount of content."""

from __future__ import annotations

from functools import partial

from kaiku.core.translations import pick, translated_columns, wrap
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors
from .models import NewsItem


def _title(item: NewsItem) -> str:
    return wrap(*pick(item, "title"))


def news_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    items = selectors.news_list(viewer=viewer, related=False).only(
        "slug", "kind", "published_at", *translated_columns(NewsItem, "title")
    )[:limit]
    return [
        WhatsNewItem(
            title=partial(_title, item),
            url=item.get_absolute_url,
            date=item.published_at,
            kind=item.get_kind_display(),
        )
        for item in items
    ]
