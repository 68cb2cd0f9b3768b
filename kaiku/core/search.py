"""Search's part of the shared layer: which models are searchable, and how the index is told.

Each capability registers its searchable models in ``AppConfig.ready()``:

```python
register_searchable(
    Question,
    label=_("Questions"),          # the facet's name
    fields=("title", "body"),     # the first is the title; translated fields in every language
    group_path="group",           # optional: the working group, for the group facet
    date_field="created",
)
```

A model needs ``get_absolute_url()`` and a ``VisibleQuerySet`` manager: results are always
filtered by ``kaiku.core.content.visible_q`` when they are read, so the index never decides who
may see what. The search app (``kaiku.search``) keeps the index up to date: it indexes a
registered model's rows after every save or delete is committed, and services that change rows
with ``QuerySet.update`` or ``bulk_create`` call ``index_on_commit(obj)`` (or
``index_on_commit(Model, pks)``) themselves. This module imports no app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils.functional import Promise


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    label: str | Promise
    fields: tuple[str, ...]
    group_path: str | None = None
    date_field: str = "created"
    select_related: tuple[str, ...] = ()


_searchables: dict[type[models.Model], Searchable] = {}
_indexers: list[Callable[[type[models.Model], list[int]], None]] = []


def register_searchable(
    model: type[models.Model],
    *,
    label: str | Promise,
    fields: Iterable[str],
    group_path: str | None = None,
    date_field: str = "created",
    select_related: Iterable[str] = (),
) -> None:
    _searchables[model] = Searchable(
        model, label, tuple(fields), group_path, date_field, tuple(select_related)
    )


def searchables() -> dict[type[models.Model], Searchable]:
    return dict(_searchables)


def searchable_of(model: type[models.Model]) -> Searchable | None:
    return _searchables.get(model._meta.concrete_model)


def register_indexer(indexer: Callable[[type[models.Model], list[int]], None]) -> None:
    """The search app's function that (re)indexes rows of a model (deleted pks are removed)."""
    if indexer not in _indexers:
        _indexers.append(indexer)


def index_on_commit(obj_or_model, pks: Iterable[int] | None = None) -> None:
    """Reindex one object, or ``pks`` of a model, after the current transaction commits."""
    if isinstance(obj_or_model, models.Model):
        model, ids = type(obj_or_model)._meta.concrete_model, [obj_or_model.pk]
    else:
        model, ids = obj_or_model._meta.concrete_model, list(pks or [])
    if model not in _searchables or not ids:
        return

    def run():
        for indexer in _indexers:
            indexer(model, ids)

    transaction.on_commit(run)
