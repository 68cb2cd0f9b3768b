"""The organisation list's table rows, written in Python.

A page shows 50 organisations; each row through the template cost about ten variable
look-ups, a choice label, a link and two date filters, about half of the page's uncached
CPU at bench scale. The rows here are the markup the template's loop gave
(``tests/test_listing.py`` keeps the two the same), every text escaped; the detail link and
the type labels are worked out once per page, not per row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import quote

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kaiku.core.links import reverse_cached

from .models import Organisation, OrganisationType

# A slug cannot hold this text; it stands for the slug in the detail link.
_SLUG = "SLUG0SLUG"

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


def _row(organisation: Organisation, types: dict[str, str], link: str) -> str:
    abbreviation = (
        f' <span class="muted">({escape(organisation.abbreviation)})</span>'
        if organisation.abbreviation
        else ""
    )
    validity = ""
    if organisation.valid_from or organisation.valid_until:
        validity = f"{_day(organisation.valid_from)}–{_day(organisation.valid_until)}"
    region = organisation.region.name if organisation.region_id else ""
    return _ROW.format(
        escape(link.replace(_SLUG, quote(organisation.slug))),
        escape(organisation.name),
        abbreviation,
        escape(types.get(organisation.type, organisation.type)),
        escape(region),
        escape(validity),
    )


def list_rows(organisations: Iterable[Organisation]) -> SafeString:
    """The ``<tr>`` of each organisation, as the list's ``<tbody>`` holds them."""
    # One link and one set of type labels per call, not per row.
    link = reverse_cached("organisations:detail", slug=_SLUG)
    types = {value: str(label) for value, label in OrganisationType.choices}
    return mark_safe("".join(_row(o, types, link) for o in organisations))  # noqa: S308


def people_rows(people: Iterable) -> SafeString:
    """The ``<li>`` of each member on the organisation page, as its template loop wrote them."""
    return mark_safe(  # noqa: S308
        "".join(
            f"\n        <li>{escape(person.display_name)}"
            + (f', <span class="muted">{escape(person.title)}</span>' if person.title else "")
            + "</li>\n        "
            for person in people
        )
    )
