"""The front page's "What is new": the newest published news the viewer may see, pinned
first. One query, whatever the amount of content."""

from __future__ import annotations

from kaiku.core.translations import pick, wrap
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors


def news_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    items = selectors.news_list(viewer=viewer).prefetch_related(None)[:limit]
    return [
        WhatsNewItem(
            title=wrap(*pick(item, "title")),
            url=item.get_absolute_url(),
            date=item.published_at,
            kind=item.get_kind_display(),
        )
        for item in items
    ]
