"""Writes for news. The callers (views) check ``news.add_newsitem`` / ``news.change_newsitem``
first; every function validates with ``full_clean`` inside a transaction, so invalid data is
never saved, whoever calls it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import NewsItem

FIELDS = (
    "kind", "title", "slug", "summary", "body", "contact_info", "programme", "pinned",
    "publish_at", "visibility",
)  # fmt: skip
M2M_FIELDS = ("keywords", "contact_persons", "related_groups")


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = set(data) - set(FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields for NewsItem: {sorted(unknown)}")
    fields = {k: v for k, v in data.items() if k in FIELDS}
    m2m = {k: v for k, v in data.items() if k in M2M_FIELDS}
    return fields, m2m


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug from ``title``, with ``-2``, ``-3``… when it is taken."""
    base = slugify(title)[:110].strip("-") or "uutinen"
    slug, n = base, 1
    taken = NewsItem.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _announce(item: NewsItem, actor) -> None:
    """Once the item is out, tell its followers after the commit (kaiku.notifications)."""
    if item.is_published:

        def notify() -> None:
            from kaiku.notifications.services import news_published

            news_published(item, actor=actor)

        transaction.on_commit(notify)


@transaction.atomic
def news_create(*, actor, **data: Any) -> NewsItem:
    """Create an item written by ``actor``. Without ``publish_at`` it is a draft; a future
    ``publish_at`` schedules it. Raises ValidationError for invalid data (nothing saved)."""
    fields, m2m = _split(data)
    if not fields.get("slug") and fields.get("title"):
        fields["slug"] = unique_slug(fields["title"])
    item = NewsItem(author=actor if getattr(actor, "pk", None) else None, **fields)
    item.full_clean()
    item.save()
    for name, values in m2m.items():
        getattr(item, name).set(values)
    _announce(item, actor)
    return item


@transaction.atomic
def news_update(*, actor, item: NewsItem, **data: Any) -> NewsItem:
    """Change the given fields of ``item``. Raises ValidationError (nothing saved)."""
    fields, m2m = _split(data)
    # From the database: a ModelForm has already put the new values on ``item``.
    was_published = NewsItem.objects.filter(
        pk=item.pk, publish_at__isnull=False, publish_at__lte=timezone.now()
    ).exists()
    if "slug" in fields and not fields["slug"]:
        fields["slug"] = unique_slug(fields.get("title") or item.title, exclude_pk=item.pk)
    # Every given field is written: a ModelForm may already have put the values on ``item``.
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=[*fields, "updated"])
    for name, values in m2m.items():
        getattr(item, name).set(values)
    if not was_published:
        _announce(item, actor)
    return item


@transaction.atomic
def news_publish(*, actor, item: NewsItem, at: datetime.datetime | None = None) -> NewsItem:
    """Publish ``item`` now (or at ``at``). An item already published keeps its date and is
    not announced again. Scheduled items are announced when they are published through here,
    not when their time comes by itself (docs/news.md, "Left to do")."""
    if item.is_published and at is None:
        return item
    item.publish_at = at or timezone.now()
    item.full_clean()
    item.save(update_fields=["publish_at", "updated"])
    _announce(item, actor)
    return item
