"""Accessible SVG charts of survey results, rendered on the server (no JavaScript).

Each chart is an ``<svg role="img">`` with a ``<title>`` (and ``aria-labelledby`` pointing at
it) that says the result in words; the page shows the same numbers in a table next to it.
Colours: every bar segment has a contrast of at least 3:1 against the white background (WCAG
1.4.11), segments are separated by white gaps, and the scale is diverging (red for disagree,
grey in the middle, blue for agree) so that it does not rely on hue alone. Text is dark on
white. The drawing is 320 units wide and scales to the column (``width="100%"``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 320
BAR = 18
ROW = 40  # a label line above each bar, then the bar
TEXT = "#1b1f24"
AXIS = "#4f5b66"
BAR_FILL = "#0b4f8a"
MEAN_FILL = "#0b4f8a"

# Diverging scales, lowest point first; each at least 3:1 against white.
SCALE_COLOURS = {
    5: ("#a50f15", "#d7301f", "#737373", "#2171b5", "#08306b"),
    7: ("#a50f15", "#d7301f", "#e34a33", "#737373", "#3182bd", "#2171b5", "#08306b"),
}

_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def colours(points: int) -> tuple[str, ...]:
    return SCALE_COLOURS.get(points, SCALE_COLOURS[5] if points <= 5 else SCALE_COLOURS[7])


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(100 * share)} %"


@dataclass(frozen=True)
class Row:
    """One bar: a label, the shares (of the scale's points, or one share), its n."""

    label: str
    shares: tuple[float, ...]
    n: int | None = None


def _svg(title: str, height: int, body: SafeString, *, css: str) -> SafeString:
    title_id = _id("chart-title")
    return format_html(
        '<svg class="chart {}" role="img" aria-labelledby="{}" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{}</title>{}</svg>',
        css,
        title_id,
        WIDTH,
        height,
        title_id,
        title,
        body,
    )


def _label(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12):
    return format_html(
        '<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="{}">{}</text>',
        round(x, 1),
        round(y, 1),
        size,
        TEXT,
        anchor,
        text,
    )


def stacked_bars(rows: list[Row], *, points: int, point_labels: list[str], title: str):
    """Likert distributions: one horizontal bar a row, split by point (lowest left)."""
    fill = colours(points)
    parts = []
    y = 0
    for row in rows:
        parts.append(_label(0, y + 13, row.label))
        x = 0.0
        for index, share in enumerate(row.shares):
            width = WIDTH * share
            if width > 0:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                        'stroke="#ffffff" stroke-width="1"/>',
                        round(x, 2),
                        y + 18,
                        round(width, 2),
                        BAR,
                        fill[index % len(fill)],
                    )
                )
            x += width
        y += ROW
    # The legend: a square and the label of each point, two a line.
    y += 4
    for index, label in enumerate(point_labels):
        column, line = index % 2, index // 2
        lx, ly = column * WIDTH / 2, y + line * 18
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>',
                lx,
                ly,
                fill[index % len(fill)],
            )
        )
        parts.append(_label(lx + 16, ly + 10, label, size=11))
    height = y + ((len(point_labels) + 1) // 2) * 18 + 4
    return _svg(title, height, mark_safe("".join(parts)), css="chart--stacked")  # noqa: S308 — built with format_html


def bars(rows: list[Row], *, title: str):
    """Choices: one horizontal bar a row, its length the share, the percentage after it."""
    parts = []
    y = 0
    span = WIDTH - 48  # room for the percentage
    for row in rows:
        share = row.shares[0] if row.shares else 0.0
        parts.append(_label(0, y + 13, row.label))
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"/>',
                y + 18,
                round(max(span * min(share, 1.0), 0), 2),
                BAR,
                BAR_FILL,
            )
        )
        parts.append(_label(span * min(share, 1.0) + 4, y + 18 + 13, percent(share), size=12))
        y += ROW
    return _svg(title, max(y, ROW), mark_safe("".join(parts)), css="chart--bars")  # noqa: S308


def means(
    rows: list[tuple[str, float | None, float | None, float | None]],
    *,
    low: float,
    high: float,
    title: str,
):
    """Means with confidence intervals on the scale ``low``…``high``: a dot and a whisker a
    row, with the axis ticks at the bottom."""
    span = high - low or 1.0
    pad = 8

    def at(value: float) -> float:
        return pad + (WIDTH - 2 * pad) * (min(max(value, low), high) - low) / span

    parts = []
    y = 0
    for label, mean, ci_low, ci_high in rows:
        parts.append(_label(0, y + 13, label))
        cy = y + 18 + BAR / 2
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#c6d0da" stroke-width="1"/>',
                pad,
                WIDTH - pad,
                cy,
                cy,
            )
        )
        if mean is not None:
            if ci_low is not None and ci_high is not None:
                parts.append(
                    format_html(
                        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"/>',
                        round(at(ci_low), 2),
                        round(at(ci_high), 2),
                        cy,
                        cy,
                        AXIS,
                    )
                )
                for end in (ci_low, ci_high):
                    parts.append(
                        format_html(
                            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"/>',
                            round(at(end), 2),
                            round(at(end), 2),
                            cy - 5,
                            cy + 5,
                            AXIS,
                        )
                    )
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="5" fill="{}"/>', round(at(mean), 2), cy, MEAN_FILL
                )
            )
        y += ROW
    ticks = range(int(low), int(high) + 1) if high - low <= 10 else (low, high)
    for tick in ticks:
        parts.append(_label(at(tick), y + 12, f"{tick:g}", anchor="middle", size=11))
    return _svg(title, y + 18, mark_safe("".join(parts)), css="chart--means")  # noqa: S308


# --- Titles: the result in words ----------------------------------------------------------------


def scale_title(question: str, result: dict, points: int) -> str:
    if not result or not result.get("n"):
        return _("%(question)s: no answers.") % {"question": question}
    agree = sum(p["share"] for p in result["points"][-2:])
    disagree = sum(p["share"] for p in result["points"][:2])
    return ngettext(
        "%(question)s: %(n)s answer, mean %(mean)s on a scale of 1–%(points)s; "
        "%(agree)s agree, %(disagree)s disagree.",
        "%(question)s: %(n)s answers, mean %(mean)s on a scale of 1–%(points)s; "
        "%(agree)s agree, %(disagree)s disagree.",
        result["n"],
    ) % {
        "question": question,
        "n": result["n"],
        "mean": f"{result['mean']:.2f}",
        "points": points,
        "agree": percent(agree),
        "disagree": percent(disagree),
    }


def choice_title(question: str, result: dict, labels: dict) -> str:
    if not result or not result.get("n"):
        return _("%(question)s: no answers.") % {"question": question}
    top = max(result["options"], key=lambda o: o["count"])
    return ngettext(
        "%(question)s: %(n)s answer; most chosen: %(option)s (%(share)s).",
        "%(question)s: %(n)s answers; most chosen: %(option)s (%(share)s).",
        result["n"],
    ) % {
        "question": question,
        "n": result["n"],
        "option": labels.get(top["value"], ""),
        "share": percent(top["share"]),
    }


def means_title(question: str, rows) -> str:
    shown = [f"{label} {mean:.2f}" for label, mean, _l, _h in rows if mean is not None]
    return _("%(question)s: means with 95%% confidence intervals: %(means)s.") % {
        "question": question,
        "means": "; ".join(shown) or "–",
    }


__all__ = [
    "Row",
    "bars",
    "choice_title",
    "colours",
    "format_html_join",
    "means",
    "means_title",
    "percent",
    "scale_title",
    "stacked_bars",
]
