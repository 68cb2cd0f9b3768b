"""The options of the news list's filter, rendered by a plain loop in the template
(``core/includes/_filter_select.html``): the keywords here, the working groups from
``kaiku.programme.filter_options``, kept per content generation.
"""

from __future__ import annotations

from django.utils import translation

from kaiku.core.cache import cached_for_generation
from kaiku.programme.filter_options import Option, group_options, mark

from .models import Keyword

__all__ = ["group_options", "keyword_options"]


def _keyword_choices() -> list[tuple[str, str]]:
    return list(Keyword.objects.order_by("name").values_list("slug", "name"))


def keyword_options(selected=None) -> list[Option]:
    key = f"news-filter:keywords:{translation.get_language()}"
    return mark(cached_for_generation(key, _keyword_choices), selected)
