"""The options of the news list's filter, kept per content generation and written as HTML
by ``kaiku.core.widgets.options_html`` (for ``core/includes/_filter_select.html``): about
240 working groups through a template loop, read through modeltranslation's per-row
fallback, were a quarter of the list's uncached CPU at bench scale.

The groups are those of ``kaiku.programme.filter_options.group_options`` (the visible ones,
in the same order, labelled "group (programme)"), read as plain columns and given the page
language's text, else the fallback's, as ``kaiku.core.translations.pick`` does.
"""

from __future__ import annotations

from django.utils import translation

from kaiku.core.cache import cached_for_generation
from kaiku.core.translations import language_order, translated_languages
from kaiku.core.widgets import options_html  # the news views write the options from here
from kaiku.programme.filter_options import Option, mark, viewer_key
from kaiku.programme.models import Programme, WorkingGroup
from kaiku.programme.selectors import group_visible_q

from .models import Keyword

__all__ = ["group_options", "keyword_options", "options_html"]


def _keyword_choices() -> list[tuple[str, str]]:
    return list(Keyword.objects.order_by("name").values_list("slug", "name"))


def keyword_options(selected=None) -> list[Option]:
    key = f"news-filter:keywords:{translation.get_language()}"
    return mark(cached_for_generation(key, _keyword_choices), selected)


def _text_columns(model, field: str, prefix: str = "") -> tuple[list[str], list[str | None]]:
    codes = translated_languages(model, field)
    if not codes:
        return [f"{prefix}{field}"], [None]
    return [f"{prefix}{field}_{code}" for code in codes], list(codes)


def _chooser(codes: list[str | None]):
    """A function from a row's texts (one per code) to the text a page shows."""
    if codes == [None]:
        return lambda texts: texts[0] or ""
    positions = [codes.index(code) for code in language_order() if code in codes]

    def choose(texts) -> str:
        for position in positions:
            if texts[position]:
                return texts[position]
        return ""

    return choose


def _group_choices(viewer) -> list[tuple[str, str]]:
    names, name_codes = _text_columns(WorkingGroup, "name")
    programmes, programme_codes = _text_columns(Programme, "name", "programme__")
    rows = (
        WorkingGroup.objects.filter(group_visible_q(viewer))
        .order_by("programme__name", "order", "name")
        .values_list("pk", *names, *programmes)
    )
    name, programme = _chooser(name_codes), _chooser(programme_codes)
    split = 1 + len(names)
    return [(str(row[0]), f"{name(row[1:split])} ({programme(row[split:])})") for row in rows]


def group_options(viewer, selected=None) -> list[Option]:
    """The working groups ``viewer`` may see, valued by id and labelled with the programme."""
    key = f"news-filter:groups:{translation.get_language()}:{viewer_key(viewer)}"
    return mark(cached_for_generation(key, lambda: _group_choices(viewer)), selected)
