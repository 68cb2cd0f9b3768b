"""The options of the news list's filter, kept per content generation and written as HTML
by ``kaiku.core.widgets.options_html`` (for ``core/includes/_filter_select.html``): about
240 working groups through a template loop, read through modeltranslation's per-row
fallback, were a quarter of the list's uncached CPU at bench scale.

The groups are ``kaiku.programme.filter_options.group_options`` (the visible ones, labelled
"group (programme)", read as plain columns in every language).
"""

from __future__ import annotations

from django.utils import translation

from kaiku.core.cache import cached_for_generation
from kaiku.core.widgets import options_html  # the news views write the options from here
from kaiku.programme.filter_options import Option, group_options, mark  # groups: shared

from .models import Keyword

__all__ = ["group_options", "keyword_options", "options_html"]


def _keyword_choices() -> list[tuple[str, str]]:
    return list(Keyword.objects.order_by("name").values_list("slug", "name"))


def keyword_options(selected=None) -> list[Option]:
    key = f"news-filter:keywords:{translation.get_language()}"
    return mark(cached_for_generation(key, _keyword_choices), selected)
