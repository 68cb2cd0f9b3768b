"""The working groups of a list's filter as plain options, written as HTML by
``kaiku.core.widgets.options_html`` for ``core/includes/_filter_select.html``.

Rendering about 240 working groups through Django's widget templates (one template per
``<option>``) took two thirds of a list page's CPU at bench scale. The choices are read as
plain ``(value, label)`` tuples instead, kept per content generation in the page cache
(``kaiku.core.cache``), and marked as selected here. The filter forms still validate the
submitted value against the same visible groups.
"""

from __future__ import annotations

from django.utils import translation

from kaiku.core.cache import cached_for_generation

from .models import WorkingGroup
from .selectors import group_visible_q

Option = tuple[str, str, bool]  # value, label, selected


def viewer_key(viewer) -> str:
    if viewer is None or not viewer.is_authenticated:
        return "anonymous"
    return f"user:{viewer.pk}"


def mark(choices: list[tuple[str, str]], selected) -> list[Option]:
    chosen = "" if selected is None else str(selected)
    return [(value, label, value == chosen) for value, label in choices]


def _group_choices(viewer, value: str, with_programme: bool) -> list[tuple[str, str]]:
    rows = (
        WorkingGroup.objects.filter(group_visible_q(viewer))
        .order_by("programme__name", "order", "name")
        .values_list(value, "name", "programme__name")
    )
    if with_programme:
        return [(str(v), f"{name} ({programme})") for v, name, programme in rows]
    return [(str(v), name) for v, name, _programme in rows]


def group_options(
    viewer, selected=None, *, value: str = "pk", with_programme: bool = True
) -> list[Option]:
    """The working groups ``viewer`` may see, in the filter forms' order; ``value`` is the
    field the form submits (``pk`` or ``slug``)."""
    key = (
        f"group-filter:{value}:{int(with_programme)}:{translation.get_language()}:"
        f"{viewer_key(viewer)}"
    )
    return mark(
        cached_for_generation(key, lambda: _group_choices(viewer, value, with_programme)),
        selected,
    )
