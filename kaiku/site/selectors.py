"""Reads for the front page. Anonymous visitors: what is new in every capability
(``kaiku.core.whatsnew``) and who takes part. Signed-in people: the panels the capabilities
register (``kaiku.core.home``)."""

from __future__ import annotations

from kaiku.core import home, whatsnew
from kaiku.organisations.selectors import organisation_stats


def front_page(*, viewer) -> dict:
    return {
        "latest_items": whatsnew.latest(viewer=viewer, limit=8),
        "organisation_stats": organisation_stats(),
    }


def personal_front_page(request) -> dict:
    return {"panels": home.panels_for(request)}
