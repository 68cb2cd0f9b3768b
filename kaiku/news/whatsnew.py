"""The front page's "What is new": the newest published news the viewer may see, pinned
first. One query, whatever the amount of content."""

from __future__ import annotations

from functools import partial

from django.utils import timezone

from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import pick_value, translated_columns, wrap
from kaiku.core.whatsnew import WhatsNewItem

from .models import NewsItem, NewsKind


def _title(row: dict) -> str:
    return wrap(*pick_value(row, NewsItem, "title"))


def _url(row: dict) -> str:
    return reverse_cached("news:detail", slug=row["slug"])


def _rows(viewer, *, now, limit: int):
    """The news list's first items (``selectors.news_list``: published, not archived,
    pinned first), as plain values."""
    return (
        NewsItem.objects.published(now=now)
        .visible_to(viewer)
        .filter(archived_at__isnull=True)
        .order_by("-pinned", "-published_at", "-pk")
        .values("slug", "kind", "published_at", *translated_columns(NewsItem, "title"))[:limit]
    )


def news_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    rows = for_viewer(viewer, _rows, shape={"limit": limit}, now=timezone.now())
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
