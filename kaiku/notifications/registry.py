"""What producing apps register with notifications, so that this app imports none of them.

- ``register_kind("meeting_created", _("New meeting"))``: a notification kind and its label.
  Kinds are stored as plain strings: a new kind needs no migration.
- ``register_followable(Model, follow_label=...)``: people may follow objects of ``Model``.
  Whether a person may see (and so follow) an object is the content layer's to decide
  (``kaiku.core.content``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise

_kinds: dict[str, str | Promise] = {}


def register_kind(kind: str, label: str | Promise) -> None:
    if len(kind) > 50:
        raise ValueError(f"Notification kind too long: {kind!r}")
    _kinds[kind] = label


def kind_label(kind: str) -> str | Promise:
    return _kinds.get(kind, kind)


def kinds() -> dict[str, str | Promise]:
    return dict(_kinds)


@dataclass(frozen=True)
class Followable:
    model: type[models.Model]
    # What the follow list calls the object, e.g. "Keyword"; empty for none.
    prefix: str | Promise = ""
    # Relations its name and address read (``select_related``), so a list of follows costs one
    # query per kind of content, e.g. ("programme",) for a working group's URL.
    related: tuple[str, ...] = ()


_followables: dict[str, Followable] = {}


def model_key(model: type[models.Model]) -> str:
    """``app_label.model_name``, the name of a followable kind in forms and URLs."""
    return model._meta.concrete_model._meta.label_lower


def register_followable(
    model: type[models.Model], *, prefix: str | Promise = "", related: tuple[str, ...] = ()
) -> None:
    _followables[model_key(model)] = Followable(model=model, prefix=prefix, related=related)


def followable(key: str) -> Followable | None:
    return _followables.get(key)


def is_followable(obj) -> bool:
    return isinstance(obj, models.Model) and model_key(type(obj)) in _followables
