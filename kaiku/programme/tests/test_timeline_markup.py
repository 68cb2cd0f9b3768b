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
from django.template import engines
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


# timeline.html's loops and period before they were written in Python.
FORMER_FIELDS = (
    "{% load i18n %}    {% for field in filter_fields %}\n"
    '    <div class="field{% if field.errors %} field--error{% endif %}">\n'
    '      <label for="{{ field.id }}">{{ field.label }}</label>\n'
    '      {% if field.errors %}<p class="field__error" id="{{ field.id }}_error"><span class="visually-hidden">{% translate "Error:" %}</span> {{ field.errors|join:" " }}</p>{% endif %}\n'  # noqa: E501
    '      {% if field.options is None %}<input type="date" name="{{ field.name }}" id="{{ field.id }}" value="{{ field.value }}"{% if field.errors %} aria-describedby="{{ field.id }}_error" aria-invalid="true"{% endif %}>\n'  # noqa: E501
    '      {% else %}<select name="{{ field.name }}" id="{{ field.id }}"{% if field.errors %} aria-describedby="{{ field.id }}_error" aria-invalid="true"{% endif %}>{{ field.options }}</select>{% endif %}\n'  # noqa: E501
    "    </div>\n"
    "    {% endfor %}\n"
)
FORMER_MONTHS = (
    "{% for month in months %}\n"
    '  <li class="timeline-month">\n'
    '    <h2 class="timeline-month__heading">{{ month.heading }}</h2>\n'
    '    <ol class="timeline-month__items">\n'
    "    {{ month.items_html }}\n"
    "    </ol>\n"
    "  </li>\n"
    "{% endfor %}"
)
FORMER_PERIOD = (
    '<time datetime="{{ window.start|date:\'Y-m-d\' }}">{{ window.start|date:"j.n.Y" }}</time>–'
    '<time datetime="{{ window.end|date:\'Y-m-d\' }}">{{ window.end|date:"j.n.Y" }}</time>'
)


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"group": "ryhma-a", "kind": "milestone", "status": "late", "start": "2026-01-01"},
        {"group": "nowhere", "kind": "<b>", "start": "bad\"'<>&", "end": "2026-13-01"},
        {"start": "2026-05-01", "end": "2026-01-01"},
    ],
)
def test_filter_fields_are_the_former_loop(language, data):
    from kaiku.programme.forms import TimelineFilterForm

    with translation.override(language):
        form = TimelineFilterForm(data, groups=GROUPS)
        if form.is_bound:
            form.valid_filters()
        fields = timeline.filter_fields(form, GROUPS)
        written = "    " + fields.html + "\n"
        assert written == _render(FORMER_FIELDS, filter_fields=fields)
    if data and "bad" in data.get("start", ""):
        assert "field--error" in written and "bad&quot;&#x27;&lt;&gt;&amp;" in written


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("today_at", [None, 0, 3, 8])
def test_months_are_the_former_loop(language, today_at):
    with translation.override(language):
        rows = _rows()
        rows.append(("milestone", 9, datetime.date(2026, 5, 4), *rows[6][3:]))
        items = timeline.entries(
            rows, groups=GROUPS, programme=SimpleNamespace(slug="ohjelma"), today=TODAY
        )
        items.sort(key=lambda entry: entry.day)
        grouped = timeline.months(items, today=TODAY, today_at=today_at)
        assert len(grouped) == 2
        assert grouped.html == _render(FORMER_MONTHS, months=grouped)
        assert timeline.Months().html == ""


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_window_period_is_the_former_dates(language):
    windows = [
        timeline.Window.around(TODAY),
        timeline.Window(datetime.date(999, 1, 2), datetime.date(2026, 12, 31)),
    ]
    with translation.override(language):
        for window in windows:
            assert window.period_html == _render(FORMER_PERIOD, window=window)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_timeline_breadcrumbs_are_the_include(client, group, language):
    from django.template.loader import render_to_string
    from django.utils.translation import gettext

    response = client.get(f"/{language}/programmes/te24/timeline/?view=table")
    page = response.content.decode()
    written = page[page.index('<nav class="breadcrumbs"') :]
    written = written[: written.index("</nav>\n") + len("</nav>\n")]
    with translation.override(language):
        expected = render_to_string(
            "programme/includes/_breadcrumbs.html",
            {"programme": group.programme, "title": gettext("Timeline")},
            request=response.wsgi_request,
        )
    assert written == expected


FORMER_TABLE = (
    "{% load i18n %}    {% for entry in entries %}\n"
    '      <tr{% if entry.overdue %} class="is-overdue"{% endif %}>\n'
    '        <td><time datetime="{{ entry.day.isoformat }}">{{ entry.day_text }}</time>{% if entry.time_text %} {{ entry.time_text }}{% endif %}</td>\n'  # noqa: E501
    "        <td>{{ entry.kind_label }}</td>\n"
    '        <td{% if entry.group_language %} lang="{{ entry.group_language }}"{% endif %}>{{ entry.group_name }}</td>\n'  # noqa: E501
    '        <th scope="row"><a href="{{ entry.url }}"{% if entry.title_language %} lang="{{ entry.title_language }}"{% endif %}>{{ entry.title }}</a></th>\n'  # noqa: E501
    '        <td>{{ entry.status_label }}{% if entry.overdue and entry.status != "late" %} <strong class="badge">⚠ {% translate "Overdue" %}</strong>{% endif %}</td>\n'  # noqa: E501
    "      </tr>\n"
    "    {% endfor %}\n"
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_table_rows_are_the_former_loop(language):
    with translation.override(language):
        written = timeline.entries(
            _rows(), groups=GROUPS, programme=SimpleNamespace(slug="ohjelma"), today=TODAY
        )
        odd = dataclasses.replace(
            written[0],
            kind_label=gettext_lazy("Meeting"),
            day_text="<2>",
            time_text="9 & 10",
            group_name='"G"',
            group_language="s'v",
            title_language="e<n",
            url="/x/?a=1&b=2#meeting-1",
            status="in_progress",
            status_label="A & B",
            overdue=True,
        )
        rows = timeline.Entries([*written, odd])
        assert "    " + rows.table_html + "\n" == _render(FORMER_TABLE, entries=rows)
        assert rows.table_html.count('class="is-overdue"') == 3
        assert timeline.Entries().table_html == ""
