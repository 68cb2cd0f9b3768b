"""Reads for the front page: what is new in every capability (``kaiku.core.whatsnew``) and
who takes part."""

from __future__ import annotations

from kaiku.core import whatsnew
from kaiku.organisations.selectors import organisation_stats


def front_page(*, viewer) -> dict:
    return {
        "latest_items": whatsnew.latest(viewer=viewer, limit=8),
        "organisation_stats": organisation_stats(),
    }
