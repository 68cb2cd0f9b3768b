"""The programme timeline: the meetings and milestones of a window of time, month by month,
with a line at today — plain HTML (links in a list), readable and usable on a phone.

Layout only: the rows come from ``selectors.timeline_page``, already cut to one page of
one window in the database. Links are built from one reversed group URL per page, not
with a ``reverse()`` per row.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.formats import time_format
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kaiku.core.escaping import MARKUP
from kaiku.core.escaping import escape_plain as _e  # short: markup written in f-strings
from kaiku.core.forms import EARLIEST_DATE, LATEST_DATE
from kaiku.core.translations import current_language, language_order

from . import selectors
from .models import MeetingStatus, MilestoneStatus

# The default window: three whole months before today's month, today's month and eight
# after it (twelve months, most of them ahead).
MONTHS_BACK = 3
MONTHS_TOTAL = 12
# Dates outside these years are typing mistakes, not plans (the forms refuse them too).
FIRST_YEAR = EARLIEST_DATE.year
LAST_YEAR = LATEST_DATE.year

_SLUG = "timeline-group-slug"
_KIND_LABELS = {"meeting": _("Meeting"), "milestone": _("Milestone")}
_STATUS_LABELS: dict[tuple[str, str], str | Promise] = {
    **{("meeting", value): label for value, label in MeetingStatus.choices},
    **{("milestone", value): label for value, label in MilestoneStatus.choices},
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Window:
    """A range of days, both ends included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def around(cls, today: datetime.date) -> Window:
        start = add_months(today, -MONTHS_BACK)
        return cls(start, add_months(start, MONTHS_TOTAL) - datetime.timedelta(days=1))

    @property
    def whole_months(self) -> int | None:
        """How many whole months the window covers, if it starts and ends at month ends."""
        after = self.end + datetime.timedelta(days=1)
        if self.start.day != 1 or after.day != 1:
            return None
        return (after.year - self.start.year) * 12 + after.month - self.start.month

    def shifted(self, direction: int) -> Window | None:
        """The window of the same length just before (-1) or after (+1) this one; ``None``
        when it would leave the years the timeline accepts."""
        months = self.whole_months
        try:
            if months:
                start = add_months(self.start, direction * months)
                end = add_months(start, months) - datetime.timedelta(days=1)
            else:
                length = datetime.timedelta(days=(self.end - self.start).days + 1)
                start, end = self.start + direction * length, self.end + direction * length
        except (ValueError, OverflowError):
            return None
        if start.year < FIRST_YEAR or end.year > LAST_YEAR:
            return None
        return Window(start, end)

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def period_html(self) -> SafeString:
        """The window's first and last day, as ``timeline.html`` wrote them with the
        ``date`` filter (``Y-m-d`` in ``datetime``, ``j.n.Y`` shown)."""
        start, end = self.start, self.end
        return mark_safe(  # noqa: S308 - digits only
            f'<time datetime="{start.year:04d}-{start.month:02d}-{start.day:02d}">'
            f"{start.day}.{start.month}.{start.year:04d}</time>–"
            f'<time datetime="{end.year:04d}-{end.month:02d}-{end.day:02d}">'
            f"{end.day}.{end.month}.{end.year:04d}</time>"
        )


@dataclass(eq=False)
class Entry:
    """One marker of the timeline and one row of its table."""

    kind: str  # "meeting" | "milestone"
    kind_label: str | Promise
    title: str
    title_language: str | None  # set when the title falls back to another language
    day: datetime.date
    day_text: str  # 2.12.2026
    time_text: str  # the meeting's local start time in the page's format, or ""
    status: str
    status_label: str | Promise
    overdue: bool
    group_name: str
    group_language: str | None
    title_names_group: bool
    url: str
    # The marker's markup when ``entries`` wrote it with the page's escaped texts.
    marker_html: str = dataclasses.field(default="", repr=False)

    @property
    def marker(self) -> SafeString:
        """The entry's link on the timeline (``timeline.html``), written here: a page of
        fifty entries through the template language cost more than the rest of the page.
        Every text is escaped as the template escaped it (``html.escape``, what Django's
        ``escape`` does to a plain string)."""
        if self.marker_html:
            return mark_safe(self.marker_html)  # noqa: S308 - written with escaped texts
        group = ""
        if not self.title_names_group:
            group = _group_html(self.group_name, self.group_language)
        return mark_safe(  # noqa: S308 - every text is escaped
            _marker_html(
                kind=self.kind,
                overdue=self.overdue,
                url=_e(self.url),
                iso=self.day.isoformat(),
                day_text=_e(self.day_text),
                time_text=_e(self.time_text),
                title=_e(self.title),
                title_lang=_lang_attribute(self.title_language),
                kind_label=_e(self.kind_label),
                group=group,
                status_label=_e(self.status_label),
                overdue_html=(
                    _overdue_html() if self.overdue and self.status != MilestoneStatus.LATE else ""
                ),
            )
        )


def _marker_html(
    *,
    kind: str,
    overdue: bool,
    url: str,
    iso: str,
    day_text: str,
    time_text: str,
    title: str,
    title_lang: str,
    kind_label: str,
    group: str,
    status_label: str,
    overdue_html: str,
) -> str:
    """A marker's link of texts already escaped (``Entry.marker``'s markup)."""
    overdue_class = " timeline-marker--overdue" if overdue else ""
    time_part = f" {time_text}" if time_text else ""
    return (
        f'<a class="timeline-marker timeline-marker--{kind}{overdue_class}" '
        f'href="{url}"><span class="timeline-marker__date">'
        f'<time datetime="{iso}">{day_text}</time>{time_part}'
        f'</span> <span class="timeline-marker__title"{title_lang}>'
        f'{title}</span> <span class="timeline-marker__meta">{kind_label}'
        f"{group} · {status_label}{overdue_html}</span></a>"
    )


def _group_html(name: str, language: str | None) -> str:
    """The group's part of a marker's line (left out when the title names the group)."""
    return f" · <span{_lang_attribute(language)}>{_e(name)}</span>"


def _overdue_html() -> str:
    overdue_label = gettext("Overdue")
    return f' · <strong class="timeline-marker__overdue">⚠ {_e(overdue_label)}</strong>'


def _lang_attribute(language: str | None) -> str:
    return f' lang="{_e(language)}"' if language else ""


# The kind and status labels (text, escaped) and the overdue mark of each language, translated
# once per process: a page of fifty rows asked for them a few dozen calls each.
_LABELS: dict[str | None, tuple[dict, dict, str]] = {}


def _labels(language: str | None) -> tuple[dict, dict, str]:
    """``({kind: (label, escaped)}, {(kind, status): (label, escaped)}, overdue markup)`` in
    the active ``language``."""
    labels = _LABELS.get(language)
    if labels is None:
        kinds = {kind: (str(label), _e(label)) for kind, label in _KIND_LABELS.items()}
        statuses = {key: (str(label), _e(label)) for key, label in _STATUS_LABELS.items()}
        labels = _LABELS[language] = (kinds, statuses, _overdue_html())
    return labels


def _group_texts(group: list | None, *, base: str, page_language: str) -> tuple:
    """``(name, lang, url, url escaped, marker part, name casefolded)`` of a group of
    ``timeline_groups`` (``[slug, name, language]``), or of none (a row of a group the viewer
    cannot see)."""
    if group is None:
        return ("", None, "", "", _group_html("", None), "")
    slug, name, language = group
    language = language if language != page_language else None
    url = base.replace(_SLUG, slug)
    return (name, language, url, _e(url), _group_html(name, language), name.casefold())


class Entries(list):
    """The entries of a timeline page, with the rows of their table (``table_html``)."""

    @property
    def table_html(self) -> SafeString:
        """The table's ``<tr>``, as ``timeline.html``'s loop over ``entries`` wrote them
        (whitespace included)."""
        overdue_html = None
        parts = []
        for entry in self:
            time_text = entry.time_text
            overdue_class = ' class="is-overdue"' if entry.overdue else ""
            badge = ""
            if entry.overdue and entry.status != MilestoneStatus.LATE:
                if overdue_html is None:
                    overdue_label = gettext("Overdue")
                    overdue_html = f' <strong class="badge">⚠ {_e(overdue_label)}</strong>'
                badge = overdue_html
            parts.append(
                f"\n      <tr{overdue_class}>\n"
                f'        <td><time datetime="{_e(entry.day.isoformat())}">{_e(entry.day_text)}'
                f"</time>{f' {_e(time_text)}' if time_text else ''}</td>\n"
                f"        <td>{_e(entry.kind_label)}</td>\n"
                f"        <td{_lang_attribute(entry.group_language)}>{_e(entry.group_name)}</td>\n"
                f'        <th scope="row"><a href="{_e(entry.url)}"'
                f"{_lang_attribute(entry.title_language)}>{_e(entry.title)}</a></th>\n"
                f"        <td>{_e(entry.status_label)}{badge}</td>\n"
                "      </tr>\n    "
            )
        return mark_safe("".join(parts))  # noqa: S308 - every text is escaped


def entries(rows: list[tuple], *, groups: list[tuple], programme, today) -> Entries:
    """Rows of ``selectors.timeline_page`` as entries; ``groups`` are the visible groups
    (``selectors.timeline_groups``). Titles are in the page's language where written, else
    in the first fallback (marked with ``lang``). Each entry's marker is written here with
    the page's texts escaped once (labels, group names and links), not once per row."""
    base = reverse(
        "programme:group_detail", kwargs={"programme_slug": programme.slug, "slug": _SLUG}
    )
    page_language = current_language()
    by_pk = {pk: group for pk, *group in groups}
    # A group's texts, escaped once per page where a row names it (of the hundred groups
    # in the filter, a page's rows name a few).
    seen: dict[int, tuple[str, str | None, str, str, str, str]] = {}
    languages = [alias.removeprefix("tl_title_") for alias in selectors.timeline_title_columns()]
    order = [languages.index(code) for code in language_order() if code in languages]
    lang_attributes = {code: _lang_attribute(code) for code in languages}
    lang_attributes[page_language] = ""
    kind_labels, status_labels, overdue_html = _labels(get_language())
    late = MilestoneStatus.LATE
    done = MilestoneStatus.DONE
    times: dict[tuple, tuple[str, str]] = {}
    no_time = ("", "")
    result = Entries()
    append = result.append
    for kind, pk, day, at, status, group_id, *titles in rows:
        title, title_language = "", None
        for index in order or range(len(titles)):
            if titles[index]:
                title, title_language = titles[index], languages[index] if order else None
                break
        known_group = seen.get(group_id)
        if known_group is None:
            known_group = seen[group_id] = _group_texts(
                by_pk.get(group_id), base=base, page_language=page_language
            )
        group_name, group_language, group_url, group_url_html, group_html, folded = known_group
        time_text, time_html = no_time
        if at:
            # The rows' start times are local already; many meetings share a time of day.
            local = (at.hour, at.minute, at.second, at.utcoffset())
            known = times.get(local)
            if known is None:
                text = time_format(at)
                known = times[local] = (text, _e(text))
            time_text, time_html = known
        overdue = kind == "milestone" and status != done and (status == late or day < today)
        title_names_group = bool(folded) and folded in title.casefold()
        day_text = f"{day.day}.{day.month}.{day.year}"
        kind_label, kind_html = kind_labels[kind]
        status_label, status_html = status_labels.get((kind, status)) or (status, _e(status))
        append(
            Entry(
                kind=kind,
                kind_label=kind_label,
                title=title,
                title_language=title_language if title_language != page_language else None,
                day=day,
                day_text=day_text,
                time_text=time_text,
                status=status,
                status_label=status_label,
                overdue=overdue,
                group_name=group_name,
                group_language=group_language,
                title_names_group=title_names_group,
                url=f"{group_url}#{kind}-{pk}",
                marker_html=_marker_html(
                    kind=kind,
                    overdue=overdue,
                    url=f"{group_url_html}#{kind}-{pk}",
                    iso=day.isoformat(),
                    day_text=day_text,
                    time_text=time_html,
                    title=title if MARKUP.isdisjoint(title) else html.escape(title),
                    title_lang=lang_attributes.get(title_language, "") if title_language else "",
                    kind_label=kind_html,
                    group="" if title_names_group else group_html,
                    status_label=status_html,
                    overdue_html=overdue_html if overdue and status != late else "",
                ),
            )
        )
    return result


@dataclass
class Month:
    first: datetime.date
    items: list[Any]
    today: datetime.date | None = None  # the day of the today line, where it is

    @property
    def heading(self) -> str:
        """The month and year, as ``{{ first|date:"F Y"|capfirst }}`` wrote them."""
        return capfirst(f"{MONTHS[self.first.month]} {self.first.year:04d}")

    @property
    def items_html(self) -> SafeString:
        """The month's ``<li>``, as ``timeline.html``'s loop over ``items`` wrote them
        (whitespace included): the today line, or each entry's marker."""
        parts = []
        for item in self.items:
            if item is TODAY:
                today = self.today
                iso = f"{today.year:04d}-{today.month:02d}-{today.day:02d}"
                day = f"{today.day}.{today.month}.{today.year:04d}"
                today_label = gettext("Today")
                parts.append(
                    '\n      <li class="timeline-today" id="today" aria-current="date">'
                    f'<span class="timeline-today__label">{_e(today_label)} '
                    f'<time datetime="{iso}">{day}</time></span></li>\n    '
                )
            else:
                marker = item.marker_html or item.marker
                parts.append(f'\n      <li class="timeline-item">{marker}</li>\n    ')
        return mark_safe("".join(parts))  # noqa: S308 - the markers escape their texts


TODAY = "today"


class Months(list):
    """The months of a timeline page, with their markup (``html``)."""

    @property
    def html(self) -> SafeString:
        """The months' ``<li>``, as ``timeline.html``'s loop over ``months`` wrote them
        (whitespace included)."""
        return mark_safe(  # noqa: S308 - headings escaped, items written escaped
            "".join(
                [
                    '\n  <li class="timeline-month">\n    <h2 class="timeline-month__heading">'
                    f"{_e(month.heading)}</h2>\n"
                    f'    <ol class="timeline-month__items">\n    {month.items_html}\n'
                    "    </ol>\n  </li>\n"
                    for month in self
                ]
            )
        )


def months(items: list[Entry], *, today: datetime.date, today_at: int | None) -> Months:
    """The entries grouped by month, with ``TODAY`` inserted before the entry at index
    ``today_at`` (``len(items)`` puts it last; ``None`` leaves it out)."""
    sequence: list[tuple[datetime.date, Any]] = [(e.day, e) for e in items]
    if today_at is not None:
        sequence.insert(today_at, (today, TODAY))
    grouped = Months()
    current = None
    for day, item in sequence:
        if current is None or day.month != current.first.month or day.year != current.first.year:
            current = Month(datetime.date(day.year, day.month, 1), [], today)
            grouped.append(current)
        current.items.append(item)
    return grouped


def today_position(
    *, window: Window, today: datetime.date, before: int, offset: int, shown: int, last_page: bool
) -> int | None:
    """Where on this page the today line goes: ``before`` items of the window come before
    today and this page shows items ``offset`` … ``offset + shown - 1``."""
    if today not in window:
        return None
    position = before - offset
    if position < 0 or position > shown:
        return None
    if position == shown and shown and not last_page:
        return None  # it opens the next page
    return position


def window_for(
    *, start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> Window:
    """The window chosen with the ``start`` and ``end`` parameters (either may be missing:
    a year from the one given), or the default window around today."""
    year = datetime.timedelta(days=364)
    if start and end:
        return Window(start, end)
    if start:
        return Window(start, start + year)
    if end:
        return Window(end - year, end)
    return Window.around(today)


def query(*parts: dict[str, Any] | Window | None) -> str | None:
    """A query string of the parts (empty values left out); ``None`` if a part is ``None``
    (a window that does not exist)."""
    params: dict[str, Any] = {}
    for part in parts:
        if part is None:
            return None
        if isinstance(part, Window):
            part = {"start": part.start, "end": part.end}
        params.update(part)
    return urlencode(
        {
            name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in params.items()
            if value
        }
    )


@dataclass(frozen=True)
class FilterField:
    """One field of the filter form, ready for plain markup: the options of a select come as
    HTML built here (a hundred groups cost one join, not a hundred widget templates)."""

    name: str
    label: str | Promise
    value: str
    errors: list[str]
    options: SafeString | None  # None: a date input

    @property
    def id(self) -> str:
        return f"id_{self.name}"


def _options(choices, value: str, languages: dict[str, str | None]) -> SafeString:
    """``<option>`` elements of ``choices``, ``value`` selected, each with the ``lang`` of its
    label from ``languages`` (by value) where one is given. Values and labels are escaped as
    ``html.escape`` does; a list without markup characters (group slugs and names, as a
    rule) is checked in one pass instead of escaped option by option."""
    texts = [(str(choice), str(label)) for choice, label in choices]
    written = texts
    if not MARKUP.isdisjoint("".join([choice + label for choice, label in texts])):
        escape = html.escape
        written = [(escape(choice), escape(label)) for choice, label in texts]
    attributes = {
        choice: f' lang="{html.escape(language)}"'
        for choice, language in languages.items()
        if language
    }
    # ``in`` and ``[]``, not ``.get()``: no call per option.
    return mark_safe(  # noqa: S308 - the values and labels are escaped
        "".join(
            [
                f'<option value="{choice_html}"{" selected" if choice == value else ""}'
                f"{attributes[choice] if choice in attributes else ''}"  # noqa: SIM401
                f">{label_html}</option>"
                for (choice, _label), (choice_html, label_html) in zip(texts, written, strict=True)
            ]
        )
    )


class FilterFields(list):
    """The fields of the filter form, with their markup (``html``)."""

    @property
    def html(self) -> SafeString:
        """The fields' ``<div>``, as ``timeline.html``'s loop over ``filter_fields`` wrote
        them (whitespace included)."""
        error_label = None
        parts = []
        for field in self:
            name, field_id, errors = _e(field.name), _e(field.id), field.errors
            described = ""
            error_html = ""
            if errors:
                if error_label is None:
                    error_label = _e(gettext("Error:"))
                described = f' aria-describedby="{field_id}_error" aria-invalid="true"'
                error_html = (
                    f'<p class="field__error" id="{field_id}_error"><span class="visually-hidden">'
                    f"{error_label}</span> {' '.join([_e(error) for error in errors])}</p>"
                )
            if field.options is None:
                control = (
                    f'<input type="date" name="{name}" id="{field_id}" value="{_e(field.value)}"'
                    f"{described}>\n      "
                )
            else:
                control = (
                    f'<select name="{name}" id="{field_id}"{described}>{field.options}</select>'
                )
            parts.append(
                f'\n    <div class="field{" field--error" if errors else ""}">\n'
                f'      <label for="{field_id}">{_e(field.label)}</label>\n'
                f"      {error_html}\n      {control}\n    </div>\n    "
            )
        return mark_safe("".join(parts))  # noqa: S308 - every text is escaped


def filter_fields(form, groups: list[tuple]) -> FilterFields:
    """The fields of ``TimelineFilterForm`` (bound or not); group names carry ``lang`` when
    they fall back to another language."""
    page_language = current_language()
    group_languages = {
        slug: language for _pk, slug, _name, language in groups if language != page_language
    }
    fields = FilterFields()
    for name, field in form.fields.items():
        value = str(form.data.get(name, "")) if form.is_bound else ""
        options = None
        if name == "group":
            options = _options(form.group_choices, value, group_languages)
        elif hasattr(field, "choices"):
            options = _options(field.choices, value, {})
        fields.append(
            FilterField(
                name=name,
                label=field.label,
                value=value,
                errors=list(form.errors.get(name, [])) if form.is_bound else [],
                options=options,
            )
        )
    return fields
