"""Reads for the front page. Anonymous visitors: what is new in every capability
(``kaiku.core.whatsnew``) and who takes part. Signed-in people: the panels the capabilities
register (``kaiku.core.home``)."""

from __future__ import annotations

from kaiku.core import home, whatsnew
from kaiku.organisations.selectors import organisation_stats

from . import rows


def front_page(*, viewer) -> dict:
    latest_items = whatsnew.latest(viewer=viewer, limit=8)
    stats = organisation_stats()
    return {
        "latest_items": latest_items,
        "latest_rows": rows.latest_rows(latest_items),
        "organisation_stats": stats,
        "stat_rows": rows.stat_rows(stats),
    }


def personal_front_page(request) -> dict:
    panels = home.panels_for(request)
    return {"panels": panels, "sections": rows.panel_sections(panels)}
