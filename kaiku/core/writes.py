"""The one write idiom shared by every app's services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def model_update(
    instance: M, *, data: dict[str, Any], allowed: Iterable[str] | None = None
) -> tuple[M, list[str]]:
    """Write the given fields of ``instance``, validate and save only those.

    ``allowed`` names the fields a caller may change; anything else is a programming error
    (``TypeError``), never silently ignored. Every given field is written, even when a
    ModelForm already put the same value on ``instance``. Many-to-many fields are the
    caller's to set after the save. Returns the instance and the names that were saved.
    Raises ``ValidationError`` from ``full_clean`` with nothing saved.
    """
    if allowed is not None:
        unknown = set(data) - set(allowed)
        if unknown:
            raise TypeError(f"Unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    fields = list(data)
    if fields:
        if any(f.name == "updated" for f in instance._meta.concrete_fields):
            fields.append("updated")
        instance.save(update_fields=fields)
    return instance, list(data)
