"""The search page's hits, written in Python.

Each of the 20 hits of a page went through about fifteen template variables, conditions and
date filters; written here with string formatting they cost a fraction of that. The HTML is the
one the results template's loop gave (``tests/test_listing.py`` compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language, gettext

from kaiku.core.escaping import escape_plain as _e  # short: markup written in f-strings

from .selectors import FacetValue, Hit


def hit_rows(hits: Sequence[Hit]) -> SafeString:
    """The ``<li>`` of each hit with the whitespace around it, as the results' ``<ol>``
    holds them. Plain string formatting with ``html.escape`` (what ``escape`` and
    ``format_html`` do for a text; the title and the snippet are HTML already)."""
    page_language = get_language()
    group_label = _e(gettext("Working group"))
    zone = get_current_timezone()
    type_labels: dict[str, str] = {}
    parts: list[str] = []
    for hit in hits:
        if hit.type_label not in type_labels:
            type_labels[hit.type_label] = _e(hit.type_label)
        snippet = ""
        if hit.snippet:
            lang = (
                f' lang="{_e(hit.snippet_language)}"'
                if hit.snippet_language != page_language
                else ""
            )
            snippet = f'<p class="search-hit__snippet"{lang}>{conditional_escape(hit.snippet)}</p>'
        meta = ""
        if hit.group or hit.date:
            group = f"<span>{group_label}: {_e(hit.group.name)}</span>" if hit.group else ""
            date = ""
            if hit.date:
                # template_localtime() with the zone read once.
                date_ = hit.date
                local = (
                    template_localtime(date_) if date_.tzinfo is None else date_.astimezone(zone)
                )
                # The date filter's "c" and "j.n.Y".
                date = (
                    f' <time datetime="{_e(local.isoformat())}">'
                    f"{local.day}.{local.month}.{local.year}</time>"
                )
            meta = f'<p class="search-hit__meta">{group}{date}</p>'
        title_lang = (
            f' lang="{_e(hit.title_language)}"' if hit.title_language != page_language else ""
        )
        parts.append(
            '\n      <li class="search-hit">\n'
            f'        <p class="search-hit__type">{type_labels[hit.type_label]}</p>\n'
            f'        <h2 class="search-hit__title"><a href="{_e(hit.url)}"{title_lang}>'
            f"{conditional_escape(hit.title)}</a></h2>\n"
            f"        {snippet}\n"
            f"        {meta}\n"
            "      </li>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def facet_items(facets: Sequence[tuple[FacetValue, str]]) -> SafeString:
    """The ``<li>`` of each facet value (its link, label and count), as the results
    template's facet loops gave them."""
    parts = []
    for facet, link in facets:
        current = ' aria-current="true"' if facet.selected else ""
        parts.append(
            f'<li><a href="{_e(link)}"{current}>{_e(facet.label)} '
            f'<span class="search-facets__count">({_e(facet.count)})</span></a></li>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above
