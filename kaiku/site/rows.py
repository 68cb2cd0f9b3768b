"""The anonymous front page's repeated markup written in Python: the "What is new" cards
and the "Who takes part" numbers, as ``site/home.html``'s loops wrote them (a template loop
costs ~100 Python calls per row)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from kaiku.core.whatsnew import WhatsNewItem


def latest_rows(items: Iterable[WhatsNewItem]) -> SafeString:
    """The ``<li>`` cards of "What is new": every text escaped (a title already marked safe
    is kept, as the template kept it)."""
    parts = []
    for item in items:
        when = item.date
        if isinstance(when, datetime.datetime):
            when = template_localtime(when)
        # The date filter's "c" and "j.n.Y".
        parts.append(
            '\n        <li class="card"><span class="badge">'
            f"{conditional_escape(item.kind)}</span>\n"
            f'          <h3><a href="{conditional_escape(item.url)}">'
            f"{conditional_escape(item.title)}</a></h3>\n"
            f'          <p class="muted"><time datetime="{conditional_escape(when.isoformat())}">'
            f"{when.day}.{when.month}.{when.year}</time></p></li>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def stat_rows(stats: Iterable[dict]) -> SafeString:
    """The ``<li>`` of "Who takes part" (``organisation_stats``' rows): every text escaped."""
    parts = [
        f'\n      <li class="stats__item"><a href="{conditional_escape(stat["url"])}">'
        f'<span class="stats__number">{conditional_escape(stat["count"])}</span> '
        f'<span class="stats__label">{conditional_escape(stat["label"])}</span></a></li>\n    '
        for stat in stats
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def panel_sections(panels: Iterable[dict]) -> SafeString:
    """The signed-in front page's ``<section>`` of each panel (``kaiku.core.home.panels_for``'
    ``name``, ``title`` and rendered ``html``), as ``site/home_personal.html``'s loop wrote
    them: the name and title escaped, the panel's HTML as rendered."""
    parts = []
    for panel in panels:
        name = conditional_escape(panel["name"])
        parts.append(
            f'\n    <section class="home-panel home-panel--{name}" id="home-{name}"'
            f' aria-labelledby="home-{name}-title">\n'
            f'      <h2 id="home-{name}-title">{conditional_escape(panel["title"])}</h2>\n'
            f"      {conditional_escape(panel['html'])}\n"
            "    </section>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above
