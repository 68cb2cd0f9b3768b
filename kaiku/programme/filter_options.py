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
from modeltranslation.utils import get_language as modeltranslation_language

from kaiku.core.cache import cached_for_generation
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import Chooser

from .models import Programme, WorkingGroup
from .selectors import group_visible_q

Option = tuple[str, str, bool]  # value, label, selected


def viewer_key(viewer) -> str:
    if viewer is None or not viewer.is_authenticated:
        return "anonymous"
    return f"user:{viewer.pk}"


def mark(choices: list[tuple[str, str]], selected) -> list[Option]:
    chosen = "" if selected is None else str(selected)
    return [(value, label, value == chosen) for value, label in choices]


def _group_rows(viewer, *, value: str, columns: tuple[str, ...], language: str):
    # _group_choices' query, kept per viewer's role set (``kaiku.core.prepared``). Plain rows
    # (no modeltranslation per row: the names are picked in Python), in the order
    # modeltranslation writes for ``order_by("programme__name", "order", "name")`` in
    # ``language``.
    return (
        WorkingGroup.objects.rewrite(False)
        .filter(group_visible_q(viewer))
        .order_by(f"programme__name_{language}", "order", f"name_{language}")
        .values_list(value, *columns)
    )


def _group_choices(viewer, value: str, with_programme: bool) -> list[tuple[str, str]]:
    # The names are picked in Python (modeltranslation's own fallback ran per row and cost a
    # list page 1.5 ms).
    chooser = Chooser()
    names = chooser.columns(WorkingGroup, "name")
    programmes = chooser.columns(Programme, "name", "programme__")
    shape = {
        "value": value,
        "columns": (*names, *programmes),
        "language": modeltranslation_language(),
    }
    rows = for_viewer(viewer, _group_rows, shape=shape)
    name = chooser.picker(WorkingGroup, "name", at=1)
    programme = chooser.picker(Programme, "name", at=1 + len(names))
    if with_programme:
        return [(str(row[0]), f"{name(row)} ({programme(row)})") for row in rows]
    return [(str(row[0]), name(row)) for row in rows]


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
