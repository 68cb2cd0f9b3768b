"""Reads for the front page. Each capability adds what is new in it."""

from __future__ import annotations

from kaiku.organisations.selectors import organisation_stats


def front_page(*, viewer) -> dict:
    return {"organisation_stats": organisation_stats()}
