"""The programme timeline: every visible meeting and milestone of a programme's groups on one
time axis, drawn as SVG on the server with a table beside it (the accessible alternative).

Layout only — the rows come from ``selectors.timeline_events``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

WIDTH = 960
LABEL_WIDTH = 240
LANE_HEIGHT = 32
TOP = 36
RIGHT_PAD = 24


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    kind: str  # "meeting" | "milestone"
    overdue: bool
    title: str
    url: str

    @property
    def half(self) -> int:
        return 7 if self.overdue else 6

    @property
    def left(self) -> float:
        return round(self.x - self.half, 1)

    @property
    def top(self) -> float:
        return round(self.y - self.half, 1)


def _day(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def layout(events: list[dict], lanes: list) -> dict:
    """Positions for the SVG: one lane per group, x by date, year ticks on the axis."""
    if not events:
        return {"width": WIDTH, "height": TOP, "markers": [], "lanes": [], "ticks": []}
    days = [_day(e["date"]) for e in events]
    start, end = min(days), max(days)
    start = datetime.date(start.year, 1, 1)
    end = datetime.date(end.year + 1, 1, 1)
    span = (end - start).days or 1
    plot = WIDTH - LABEL_WIDTH - RIGHT_PAD

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + plot * (day - start).days / span, 1)

    lane_index = {group.pk: i for i, group in enumerate(lanes)}
    markers = [
        Marker(
            x=x_of(_day(e["date"])),
            y=TOP + lane_index[e["group"].pk] * LANE_HEIGHT + LANE_HEIGHT / 2,
            kind=e["kind"],
            overdue=e["overdue"],
            title=f"{e['date']:%-d.%-m.%Y} {e['title']}",
            url=e["url"],
        )
        for e in events
    ]
    ticks = [
        {"x": x_of(datetime.date(year, 1, 1)), "label": str(year)}
        for year in range(start.year, end.year + 1)
    ]
    return {
        "width": WIDTH,
        "height": TOP + len(lanes) * LANE_HEIGHT + 8,
        "label_x": LABEL_WIDTH - 8,
        "plot_start": LABEL_WIDTH,
        "plot_end": WIDTH - RIGHT_PAD,
        "lanes": [
            {"name": group.name, "y": TOP + i * LANE_HEIGHT + LANE_HEIGHT / 2}
            for i, group in enumerate(lanes)
        ],
        "markers": markers,
        "ticks": ticks,
    }
