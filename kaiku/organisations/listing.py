"""The organisation list's table rows, written in Python.

A page shows 50 organisations; each row through the template cost about ten variable
look-ups, a choice label, a link and two date filters, about half of the page's uncached
CPU at bench scale. The rows here are the markup the template's loop gave
(``tests/test_listing.py`` keeps the two the same), every text escaped by ``format_html``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import Organisation

_ROW = (
    "\n        <tr>\n"
    '          <th scope="row"><a href="{}">{}</a>{}</th>\n'
    "          <td>{}</td>\n"
    "          <td>{}</td>\n"
    "          <td>{}</td>\n"
    "        </tr>\n        "
)


def _day(value: datetime.date | None) -> str:
    """``value|date:"j.n.Y"|default:""``."""
    return f"{value.day}.{value.month}.{value.year:04d}" if value else ""


def _cells(organisation: Organisation) -> tuple:
    abbreviation = (
        format_html(' <span class="muted">({})</span>', organisation.abbreviation)
        if organisation.abbreviation
        else ""
    )
    validity = ""
    if organisation.valid_from or organisation.valid_until:
        validity = f"{_day(organisation.valid_from)}–{_day(organisation.valid_until)}"
    return (
        organisation.get_absolute_url(),
        organisation.name,
        abbreviation,
        organisation.get_type_display(),
        organisation.region.name if organisation.region_id else "",
        validity,
    )


def list_rows(organisations: Iterable[Organisation]) -> SafeString:
    """The ``<tr>`` of each organisation, as the list's ``<tbody>`` holds them."""
    return format_html_join("", _ROW, (_cells(o) for o in organisations))
