"""The search page's hits, written in Python.

Each of the 20 hits of a page went through about fifteen template variables, conditions and
date filters; written here with ``format_html`` they cost a fraction of that. The HTML is the
one the results template's loop gave (``tests/test_listing.py`` compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext

from .selectors import Hit


def _lang(language: str, page_language: str) -> SafeString | str:
    return format_html(' lang="{}"', language) if language != page_language else ""


def hit_rows(hits: Sequence[Hit]) -> SafeString:
    """The ``<li>`` of each hit with the whitespace around it, as the results' ``<ol>``
    holds them."""
    page_language = get_language()
    group_label = gettext("Working group")
    parts: list[str] = []
    for hit in hits:
        snippet = ""
        if hit.snippet:
            snippet = format_html(
                '<p class="search-hit__snippet"{}>{}</p>',
                _lang(hit.snippet_language, page_language),
                hit.snippet,
            )
        meta = ""
        if hit.group or hit.date:
            group = (
                format_html("<span>{}: {}</span>", group_label, hit.group.name) if hit.group else ""
            )
            date = ""
            if hit.date:
                local = template_localtime(hit.date)
                date = format_html(
                    ' <time datetime="{}">{}</time>',
                    local.isoformat(),  # the date filter's "c"
                    f"{local.day}.{local.month}.{local.year}",  # and its "j.n.Y"
                )
            meta = format_html('<p class="search-hit__meta">{}{}</p>', group, date)
        parts.append(
            format_html(
                '\n      <li class="search-hit">\n'
                '        <p class="search-hit__type">{}</p>\n'
                '        <h2 class="search-hit__title"><a href="{}"{}>{}</a></h2>\n'
                "        {}\n"
                "        {}\n"
                "      </li>\n      ",
                hit.type_label,
                hit.url,
                _lang(hit.title_language, page_language),
                hit.title,
                snippet,
                meta,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part built with format_html
