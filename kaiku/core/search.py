"""Search's part of the shared layer: which models are searchable, and how the index is told.

Each capability registers its searchable models in ``AppConfig.ready()``:

```python
register_searchable(
    Question,
    label=_("Questions"),          # the facet's name
    fields=("title", "body"),     # the first is the title; translated fields in every language
    group_path="group",           # optional: the working group, for the group facet
    date_field="created",
    restrict=lambda viewer, now: published_q(now=now),  # optional, see below
)
```

A model needs ``get_absolute_url()`` and a registered audience (``kaiku.core.content``):
results are always filtered by ``kaiku.core.content.visible_q`` when they are read, so the
index never decides who may see what. ``restrict(viewer, now)`` is an extra condition applied at
the same time, for what ``visible_q`` does not know (drafts, unpublished or merged rows).
It may depend on the viewer, and on the time through ``now`` only (the time of the search):
search keeps the condition's SQL (``kaiku.core.prepared``) with the viewer's pk and ``now``
as values, so a restriction must not read the clock itself.
``group_path`` is a lookup to the working group (``"group"``), or ``"pk"`` when the rows
are the groups themselves.

The search app (``kaiku.search``) keeps the index up to date: it indexes a registered
model's rows after every save or delete is committed, and services that change rows with
``QuerySet.update`` or ``bulk_create`` call ``index_on_commit(obj)`` (or
``index_on_commit(Model, pks)``) themselves. This module imports no app.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    label: str | Promise
    fields: tuple[str, ...]
    group_path: str | None = None
    date_field: str | None = "created"
    select_related: tuple[str, ...] = ()
    restrict: Callable[[object, datetime.datetime], Q] | None = None

    def restrict_q(self, viewer, now: datetime.datetime | None = None) -> Q:
        """The model's own restriction for ``viewer`` at ``now`` (default: the time now)."""
        if self.restrict is None:
            return Q()
        return self.restrict(viewer, timezone.now() if now is None else now)


_searchables: dict[type[models.Model], Searchable] = {}
_indexers: list[Callable[[type[models.Model], list[int]], None]] = []


def register_searchable(
    model: type[models.Model],
    *,
    label: str | Promise,
    fields: Iterable[str],
    group_path: str | None = None,
    date_field: str | None = "created",
    select_related: Iterable[str] = (),
    restrict: Callable[[object, datetime.datetime], Q] | None = None,
) -> None:
    model = model._meta.concrete_model
    _searchables[model] = Searchable(
        model, label, tuple(fields), group_path, date_field, tuple(select_related), restrict
    )
    # Per model, not for every sender: a post_delete receiver makes Django delete a model's
    # rows one by one instead of in bulk.
    uid = f"kaiku.search.{model._meta.label_lower}"
    post_save.connect(_changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(_changed, sender=model, weak=False, dispatch_uid=uid)


def _changed(sender, instance, **kwargs) -> None:
    index_on_commit(instance)


def searchables() -> dict[type[models.Model], Searchable]:
    return dict(_searchables)


def searchable_of(model: type[models.Model]) -> Searchable | None:
    return _searchables.get(model._meta.concrete_model)


def register_indexer(indexer: Callable[[type[models.Model], list[int]], None]) -> None:
    """The search app's function that (re)indexes rows of a model (deleted pks are removed)."""
    if indexer not in _indexers:
        _indexers.append(indexer)


# Rows waiting for the commit, per thread: one transaction that saves a thousand rows
# reindexes them in one batch. A rolled-back row stays pending until the next commit of the
# thread; reindexing reads the rows as they are then, so that costs nothing but the read.
_pending = threading.local()


def index_on_commit(obj_or_model, pks: Iterable[int] | None = None) -> None:
    """Reindex one object, or ``pks`` of a model, after the current transaction commits."""
    if isinstance(obj_or_model, models.Model):
        model, ids = type(obj_or_model)._meta.concrete_model, [obj_or_model.pk]
    else:
        model, ids = obj_or_model._meta.concrete_model, list(pks or [])
    ids = [pk for pk in ids if pk is not None]
    if model not in _searchables or not ids or not _indexers:
        return
    batch = getattr(_pending, "rows", None)
    if batch is None:
        batch = _pending.rows = {}
    batch.setdefault(model, set()).update(ids)
    # Every call registers the flush (a savepoint's rollback discards its callbacks); the
    # first one to run takes the whole batch and the others find it empty.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    batch = getattr(_pending, "rows", None)
    if not batch:
        return
    _pending.rows = {}
    for model, ids in batch.items():
        for indexer in _indexers:
            indexer(model, sorted(ids))
