"""Reads for the front page. Each capability adds what is new in it (see whatsnew.py)."""

from __future__ import annotations

from kaiku.organisations.selectors import organisation_stats

from . import whatsnew


def front_page(*, viewer) -> dict:
    return {
        "latest_items": whatsnew.latest(viewer=viewer, limit=8),
        "organisation_stats": organisation_stats(),
    }
