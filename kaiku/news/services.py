"""Writes for news. The callers (views) check ``news.add_newsitem`` / ``news.change_newsitem``
first; every function validates with ``full_clean`` inside a transaction, so invalid data is
never saved, whoever calls it."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kaiku.core import lifecycle
from kaiku.core.translations import default_language, translated
from kaiku.core.writes import model_update

from .models import NewsItem
from .notifications import announce

FIELDS = (
    "kind", *translated("title", "summary", "body"), "slug", "contact_info", "programme",
    "pinned", "published_at", "visibility",
)  # fmt: skip


def _title(fields: dict[str, Any]) -> str:
    """The Finnish title (the slug is made from it), whichever name the caller used."""
    return fields.get(f"title_{default_language()}") or fields.get("title") or ""


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
    taken = NewsItem.all_objects.exclude(pk=exclude_pk)  # deleted items keep their slug
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _claim(item: NewsItem, now: datetime.datetime) -> bool:
    """Mark ``item`` announced with a conditional UPDATE; True only for the one caller that
    set ``announced_at`` (two runners never both announce it)."""
    claimed = NewsItem.objects.filter(
        pk=item.pk, announced_at__isnull=True, published_at__isnull=False, published_at__lte=now
    ).update(announced_at=now)
    if claimed == 1:
        item.announced_at = now
        return True
    return False


def _announce(item: NewsItem, actor) -> None:
    """Once the item is out (``published_at`` has passed) and not announced yet, mark it
    announced and tell its followers after the commit (kaiku.notifications). A scheduled item
    is left to ``news_announce_due``."""
    now = timezone.now()
    if item.published_at is None or item.published_at > now or not _claim(item, now):
        return
    announce(item, actor=actor)


SLUG_ATTEMPTS = 5


def _create_with_free_slug(*, author, fields: dict[str, Any]) -> NewsItem:
    """Save a new item under a slug made from its title. Two items with the same title sent at
    the same moment both find the slug free; the one that loses the race takes another slug
    (a random suffix) instead of failing."""
    base = unique_slug(_title(fields))
    for attempt in range(SLUG_ATTEMPTS):
        slug = base if attempt == 0 else f"{base[:110]}-{secrets.token_hex(3)}"
        item = NewsItem(author=author, **{**fields, "slug": slug})
        try:
            item.full_clean()
            with transaction.atomic():
                item.save()
            return item
        except ValidationError as error:
            if "slug" not in getattr(error, "error_dict", {}) or set(error.error_dict) != {"slug"}:
                raise
        except IntegrityError:
            pass
    raise ValidationError({"slug": _("This address is already in use.")})


@transaction.atomic
def news_create(*, actor, **data: Any) -> NewsItem:
    """Create an item written by ``actor``. Without ``published_at`` it is a draft; a future
    ``published_at`` schedules it. Raises ValidationError for invalid data (nothing saved)."""
    fields, m2m = _split(data)
    author = actor if getattr(actor, "pk", None) else None
    if fields.get("slug") or not _title(fields):
        item = NewsItem(author=author, **fields)
        item.full_clean()
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError:  # the same slug saved by another request meanwhile
            raise ValidationError({"slug": _("This address is already in use.")}) from None
    else:
        item = _create_with_free_slug(author=author, fields=fields)
    for name, values in m2m.items():
        getattr(item, name).set(values)
    _announce(item, actor)
    return item


@transaction.atomic
def news_update(*, actor, item: NewsItem, **data: Any) -> NewsItem:
    """Change the given fields of ``item``. Raises ValidationError (nothing saved)."""
    fields, m2m = _split(data)
    if "slug" in fields and not fields["slug"]:
        fields["slug"] = unique_slug(_title(fields) or item.title_fi, exclude_pk=item.pk)
    # Every given field is written: a ModelForm may already have put the values on ``item``.
    try:
        with transaction.atomic():
            model_update(item, data=fields, allowed=FIELDS)
    except IntegrityError:  # the slug of a deleted item (kept for its restore)
        raise ValidationError({"slug": _("This address is already in use.")}) from None
    for name, values in m2m.items():
        getattr(item, name).set(values)
    # Announced at most once (``announced_at``), whatever the form changed.
    _announce(item, actor)
    return item


@transaction.atomic
def news_publish(*, actor, item: NewsItem, at: datetime.datetime | None = None) -> NewsItem:
    """Publish ``item`` now (or at ``at``). An item already published keeps its date and is
    not announced again. A future ``at`` schedules it; ``news_announce_due`` announces it when
    its time comes."""
    if item.is_published and at is None:
        return item
    item.published_at = at or timezone.now()
    item.full_clean()
    item.save(update_fields=["published_at", "updated"])
    _announce(item, actor)
    return item


def news_announce_due(*, now: datetime.datetime | None = None) -> int:
    """Announce every published item not announced yet (``published_at <= now``,
    ``announced_at`` empty), e.g. scheduled items whose time has come. Each item is claimed
    with a conditional UPDATE before its followers are told, in its own transaction, so two
    runners never announce the same item twice and a failure leaves the item for the next run.
    Returns the number of items announced. Run every few minutes (``announce_scheduled_news``).
    """
    now = now or timezone.now()
    due = (
        NewsItem.objects.filter(
            published_at__isnull=False, published_at__lte=now, announced_at__isnull=True
        )
        .order_by("published_at", "pk")
        .values_list("pk", flat=True)
    )
    announced = 0
    for pk in list(due):
        with transaction.atomic():
            item = NewsItem.objects.filter(pk=pk).first()
            if item is None or not _claim(item, now):
                continue
            announce(item, actor=None, in_transaction=True)
            announced += 1
    return announced


# --- Lifecycle: unpublish, archive, delete (kaiku.core.lifecycle) -----------------------------


def news_unpublish(*, actor, item: NewsItem, request=None) -> bool:
    """Take a published or scheduled item back to a draft (seen by the people who manage news
    only). It is not announced again when published again (``announced_at`` stays). False
    when it already was a draft."""
    return lifecycle.unpublish(item, actor=actor, request=request)


def news_archive(*, actor, item: NewsItem, request=None) -> bool:
    """Keep ``item`` readable at its address (with an "archived" badge), out of the lists."""
    return lifecycle.archive(item, actor=actor, request=request)


def news_unarchive(*, actor, item: NewsItem, request=None) -> bool:
    return lifecycle.unarchive(item, actor=actor, request=request)


def news_delete(*, actor, item: NewsItem, request=None) -> bool:
    """Soft delete: gone from every page, list, feed and the API; an administrator can restore
    it in the admin. False when it was already deleted (a second submit)."""
    return lifecycle.soft_delete(item, actor=actor, request=request)
