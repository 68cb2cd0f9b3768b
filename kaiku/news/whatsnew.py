"""The front page's "What is new": the newest published news the viewer may see, pinned
first. One query, whatever the amount of content."""

from __future__ import annotations

from functools import partial

from kaiku.core.links import reverse_cached
from kaiku.core.translations import pick_value, translated_columns, wrap
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors
from .models import NewsItem, NewsKind


def _title(row: dict) -> str:
    return wrap(*pick_value(row, NewsItem, "title"))


def _url(row: dict) -> str:
    return reverse_cached("news:detail", slug=row["slug"])


def news_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    rows = selectors.news_list(viewer=viewer, related=False).values(
        "slug", "kind", "published_at", *translated_columns(NewsItem, "title")
    )[:limit]
    kinds = dict(NewsKind.choices)
    return [
        WhatsNewItem(
            title=partial(_title, row),
            url=partial(_url, row),
            date=row["published_at"],
            kind=kinds.get(row["kind"], row["kind"]),
        )
        for row in rows
    ]
