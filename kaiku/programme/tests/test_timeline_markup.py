"""The timeline's markup written in Python is the markup it replaced: each marker ``entries``
writes with the page's escaped texts is the one ``Entry.marker`` writes from the entry's own
fields, in fi, sv and en, for every kind of row."""

from __future__ import annotations

import dataclasses
import datetime
import html
import zoneinfo
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from kaiku.programme import selectors, timeline

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
TODAY = datetime.date(2026, 3, 10)


def _rows() -> list[tuple]:
    languages = [alias.removeprefix("tl_title_") for alias in selectors.timeline_title_columns()]

    def titles(**by_language) -> list[str]:
        return [by_language.get(code, "") for code in languages]

    first = languages[0]
    last = languages[-1]
    at = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=HELSINKI)
    early, late = datetime.date(2026, 3, 1), datetime.date(2026, 3, 20)
    return [
        ("meeting", 1, at.date(), at, "planned", 10, *titles(**{first: "Kokous & <1>"})),
        ("meeting", 2, at.date(), at, "cancelled", 11, *titles(**{last: 'Möte "B"'})),
        ("meeting", 3, at.date(), at.replace(hour=13), "held", 99, *titles(**{first: "X"})),
        ("milestone", 4, early, None, "in_progress", 10, *titles()),
        (
            "milestone",
            5,
            datetime.date(2026, 3, 1),
            None,
            "late",
            12,
            *titles(**{first: "Ryhmä C"}),
        ),
        ("milestone", 6, late, None, "done", 10, *titles(**{last: "Valmis"})),
        ("milestone", 7, late, None, "planned", 11, *titles(**{first: "Y"})),
        (
            "milestone",
            8,
            datetime.date(2026, 3, 20),
            None,
            "odd<status>",
            11,
            *titles(**{first: "Z"}),
        ),
    ]


GROUPS = [
    (10, "ryhma-a", "Ryhmä <A>", "fi"),
    (11, "grupp-b", "Grupp & B", "sv"),
    (12, "ryhma-c", "Ryhmä C", "en"),
    (13, "unused", "Unused", "fi"),
]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_entries_markers_are_the_markers_of_their_fields(language):
    with translation.override(language):
        written = timeline.entries(
            _rows(), groups=GROUPS, programme=SimpleNamespace(slug="ohjelma"), today=TODAY
        )
        assert len(written) == 8
        for entry in written:
            assert entry.marker_html
            former = dataclasses.replace(entry, marker_html="")
            assert entry.marker == former.marker
            assert (
                timeline.Month(TODAY, [entry]).items_html
                == timeline.Month(TODAY, [former]).items_html
            )
    by_pk = {entry.url.rsplit("-", 1)[1]: entry for entry in written}
    assert "Kokous &amp; &lt;1&gt;" in by_pk["1"].marker_html
    assert by_pk["4"].overdue and "timeline-marker__overdue" in by_pk["4"].marker_html
    assert by_pk["5"].overdue and "timeline-marker__overdue" not in by_pk["5"].marker_html
    assert by_pk["5"].title_names_group
    assert "odd&lt;status&gt;" in by_pk["8"].marker_html
    assert by_pk["3"].url == "#meeting-3" and by_pk["3"].group_name == ""


def _former_options(choices, value, languages) -> str:
    """``timeline._options`` as it was, escaping option by option."""
    parts = []
    for choice, label in choices:
        choice = str(choice)
        language = languages.get(choice)
        lang = f' lang="{html.escape(language)}"' if language else ""
        selected = " selected" if choice == value else ""
        parts.append(
            f'<option value="{html.escape(choice)}"{selected}{lang}>'
            f"{html.escape(str(label))}</option>"
        )
    return "".join(parts)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("value", ["", "ryhma-a", "b&c"])
def test_options_are_the_former_options(language, value):
    plain = [("", gettext_lazy("All groups")), ("ryhma-a", "Ryhmä A"), ("grupp-b", "Grupp B")]
    marked = [*plain, ("b&c", 'Ryhmä "<C>"'), (7, gettext_lazy("Status"))]
    languages = {"grupp-b": "sv", "b&c": "en", "ryhma-a": None}
    with translation.override(language):
        for choices in (plain, marked, []):
            written = timeline._options(choices, value, languages)
            assert written == _former_options(choices, value, languages)
