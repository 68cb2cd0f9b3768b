"""The options of the news list's filter, rendered by a plain loop in the template.

Rendering about 240 working groups through Django's widget templates (one template per
``<option>``) took two thirds of the news list's CPU at bench scale. The choices are read as
plain ``(value, label)`` tuples instead, kept per content generation in the page cache
(``kaiku.core.cache``), and marked as selected here. ``NewsFilterForm`` still validates the
submitted values against the same visible groups and keywords.
"""

from __future__ import annotations

from django.utils import translation

from kaiku.core.cache import cached_for_generation
from kaiku.programme.models import WorkingGroup
from kaiku.programme.selectors import group_visible_q

from .models import Keyword

Option = tuple[str, str, bool]  # value, label, selected


def _viewer_key(viewer) -> str:
    if viewer is None or not viewer.is_authenticated:
        return "anonymous"
    return f"user:{viewer.pk}"


def _group_choices(viewer) -> list[tuple[str, str]]:
    rows = (
        WorkingGroup.objects.filter(group_visible_q(viewer))
        .order_by("programme__name", "order", "name")
        .values_list("pk", "name", "programme__name")
    )
    return [(str(pk), f"{name} ({programme})") for pk, name, programme in rows]


def _keyword_choices() -> list[tuple[str, str]]:
    return list(Keyword.objects.order_by("name").values_list("slug", "name"))


def _mark(choices: list[tuple[str, str]], selected) -> list[Option]:
    chosen = "" if selected is None else str(selected)
    return [(value, label, value == chosen) for value, label in choices]


def group_options(viewer, selected=None) -> list[Option]:
    """The working groups ``viewer`` may see, as the form's queryset orders them."""
    key = f"news-filter:groups:{translation.get_language()}:{_viewer_key(viewer)}"
    return _mark(cached_for_generation(key, lambda: _group_choices(viewer)), selected)


def keyword_options(selected=None) -> list[Option]:
    key = f"news-filter:keywords:{translation.get_language()}"
    return _mark(cached_for_generation(key, _keyword_choices), selected)
