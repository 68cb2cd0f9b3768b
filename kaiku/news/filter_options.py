"""The options of the news list's filter, kept per content generation and written as HTML
by ``kaiku.core.widgets.options_html`` (for ``core/includes/_filter_select.html``): about
240 working groups through a template loop, read through modeltranslation's per-row
fallback, were a quarter of the list's uncached CPU at bench scale.

The groups are ``kaiku.programme.filter_options.group_options`` (the visible ones, labelled
"group (programme)", read as plain columns in every language).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import translation

from kaiku.core.cache import cached_for_generation
from kaiku.core.prepared import run
from kaiku.core.translations import language_order, translated_columns, translated_languages
from kaiku.core.widgets import options_html  # the news views write the options from here
from kaiku.programme.filter_options import Option, group_options, mark  # groups: shared

from .models import Keyword

__all__ = ["group_options", "keyword_options", "options_html"]


def _keywords() -> QuerySet[Keyword]:
    # Every language's name, in the page language's name order (a kept query).
    return Keyword.objects.order_by("name").values_list(
        "slug", *translated_columns(Keyword, "name")
    )


def _keyword_choices() -> list[tuple[str, str]]:
    codes = translated_languages(Keyword, "name")
    positions = [codes.index(code) for code in language_order() if code in codes]
    choices = []
    for slug, *names in run(_keywords):
        # The name in the page language, else the first fallback's (what ``keyword.name`` reads).
        choices.append((slug, next((names[p] for p in positions if names[p]), "")))
    return choices


def keyword_options(selected=None) -> list[Option]:
    key = f"news-filter:keywords:{translation.get_language()}"
    return mark(cached_for_generation(key, _keyword_choices), selected)
