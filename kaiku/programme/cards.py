"""The meeting and memo cards of the group page and the group's list pages, written in Python.

Each card was a template include (``includes/_meeting.html``, ``includes/_memo.html``): with
its template tags per translated text, the visibility badge's inclusion tag and ``{% url %}``
per edit link, ten meeting and five memo cards took about a sixth of the group page's
uncached CPU at bench scale. Here each card is written with f-strings, every text from the
database escaped (as the template's autoescape did), the ``{% translate %}`` literals
unescaped (as the template wrote them), the edit links from ``reverse_cached``:
``tests/test_cards.py`` keeps the two the same in every language and card state.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as _html_escape
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaultfilters import filesizeformat
from django.urls import get_script_prefix, get_urlconf
from django.utils.formats import localize
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone, localdate, template_localtime
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from kaiku.core.content import Visibility
from kaiku.core.links import reverse_cached
from kaiku.core.markdown import render_markdown
from kaiku.core.translations import (
    current_language,
    language_order,
    pick,
    pick_html,
    translated_columns,
    translated_languages,
)
from kaiku.organisations.models import Organisation

from .models import Meeting, Membership, Memo, Milestone, MilestoneStatus
from .selectors import meeting_card_columns


def escape(text) -> str:
    """``django.utils.html.escape``'s text without its lazy-text wrapper and ``SafeString``
    (every use here is inside an f-string marked safe as a whole): several calls fewer per
    text, a few hundred texts per page."""
    return _html_escape(str(text))


def _text(obj, field: str, page_language: str) -> str:
    """``{% translated obj field %}``: the text, in ``<span lang>`` where it falls back."""
    text, language = pick(obj, field, page_language)
    if language and language != page_language:
        return f'<span lang="{escape(language)}">{escape(text)}</span>'
    return escape(text)


def _markdown(obj, field: str, page_language: str) -> str:
    """``{% translated_markdown obj field %}``: the stored HTML in ``<div class="prose">``."""
    html, language = pick_html(obj, field, page_language)
    if not html:
        return html
    lang = f' lang="{escape(language)}"' if language and language != page_language else ""
    return f'<div class="prose"{lang}>{html}</div>'


def _local(value):
    return template_localtime(value) if value is not None else None


def _day(local) -> str:
    """``|date:"j.n.Y"``."""
    return f"{local.day}.{local.month}.{local.year:04d}"


def _clock(local) -> str:
    """``|date:"H:i"``."""
    return f"{local.hour:02d}:{local.minute:02d}"


def _badge(obj) -> str:
    """``{% visibility_badge obj %}`` of a row that is not public."""
    label = obj.get_visibility_display()
    if not label:
        return ""
    return f'<span class="badge badge--{escape(obj.visibility)}">{escape(label)}</span>'


# --- What the cards and rows need once per language ---------------------------------------------
# The texts of ``{% translate %}`` and the choices' labels cost a dozen calls each
# (``gettext`` reads the active language from a thread-local); a page writes a few hundred.
# Each is translated once per process and language.

_TEXTS = (
    gettext_noop("Place"),
    gettext_noop("Join online"),
    gettext_noop("Agenda"),
    gettext_noop("Memo"),
    gettext_noop("Comments"),
    gettext_noop("Edit"),
    gettext_noop("Published"),
    gettext_noop("Meeting"),
    gettext_noop("Decisions"),
    gettext_noop("Overdue"),
    gettext_noop("Removed user"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Front page"),
    gettext_noop("Programmes"),
    gettext_noop("Mandate"),
    gettext_noop("Tasks"),
    gettext_noop("Add a task"),
    gettext_noop("Goals"),
    gettext_noop("Add a goal"),
    gettext_noop("Composition"),
    gettext_noop("Add a member"),
    gettext_noop("Actions"),
    gettext_noop("Member"),
    gettext_noop("Role"),
    gettext_noop("Organisation represented"),
    gettext_noop("Term"),
    gettext_noop("No members have been recorded."),
    gettext_noop("Subscribe to the public meetings (iCal)"),
    gettext_noop("No upcoming meetings."),
    gettext_noop("No past meetings."),
    gettext_noop("Upcoming meetings"),
    gettext_noop("Recent past meetings"),
    gettext_noop("Meetings"),
    gettext_noop("Add a meeting"),
    gettext_noop("Milestones"),
    gettext_noop("Add a milestone"),
    gettext_noop("Next open milestones and deadlines of %(group)s"),
    gettext_noop("Milestone"),
    gettext_noop("Due date"),
    gettext_noop("Status"),
    gettext_noop("No open milestones."),
    gettext_noop("No milestones have been published."),
    gettext_noop("All milestones of the group on the timeline"),
    gettext_noop("No memos have been published."),
    gettext_noop("Memos and decisions"),
    gettext_noop("Add a memo"),
    gettext_noop("The group's discussion threads"),
    gettext_noop("Discussions"),
    gettext_noop("Questions"),
    gettext_noop("Ask this group a question"),
    gettext_noop("News: %(name)s (RSS)"),
    gettext_noop("News: %(name)s (Atom)"),
    gettext_noop("Meetings: %(name)s (iCal)"),
    gettext_noop("Take the group out of the archive"),
    gettext_noop("Archive the group"),
    gettext_noop("Edit group"),
    gettext_noop("Maintain the group"),
    gettext_noop("Edit the mandate, visibility and contact persons"),
    gettext_noop("Delete the group"),
    gettext_noop("Publish"),
    gettext_noop("to be published %(date)s"),
    gettext_noop("Memo drafts"),
    gettext_noop("Sub-group of %(parent)s"),
    gettext_noop("Archived"),
    gettext_noop("This group has finished its work: its page is kept for reference."),
    gettext_noop("Documents"),
    gettext_noop("Add a document"),
    gettext_noop("No documents have been published."),
    gettext_noop("Documents of %(group)s"),
    gettext_noop("Remove"),
    gettext_noop("Document"),
    gettext_noop("Type"),
    gettext_noop("Size"),
    gettext_noop("Added"),
    gettext_noop("Contact persons"),
    gettext_noop("No contact persons have been named."),
    gettext_noop("Sub-groups"),
)

_per_language: dict[tuple, Any] = {}


def _forget(**kwargs) -> None:
    _per_language.clear()


setting_changed.connect(_forget, dispatch_uid="kaiku.programme.cards.forget")


def _texts() -> dict[str, str]:
    """``_TEXTS`` in the active language, by their English text."""
    key = ("texts", get_language())
    texts = _per_language.get(key)
    if texts is None:
        texts = _per_language[key] = {text: gettext(text) for text in _TEXTS}
    return texts


def _labels(model, field: str) -> dict:
    """``get_<field>_display()`` of each value of ``model``'s ``field``, in the active
    language (a value without a label is shown as it is, as Django shows it)."""
    key = ("labels", model, field, get_language())
    labels = _per_language.get(key)
    if labels is None:
        choices = model._meta.get_field(field).flatchoices
        labels = _per_language[key] = {value: str(label) for value, label in choices}
    return labels


def _chooser(model, field: str, page_language: str) -> tuple[tuple[str, str | None], ...]:
    """Where a row holds ``field``'s texts, in the order ``pick`` tries them, each with its
    language (None: the field is not translated)."""
    key = ("chooser", model, field, page_language)
    keys = _per_language.get(key)
    if keys is None:
        languages = translated_languages(model, field)
        if languages:
            keys = tuple(
                (f"{field}_{code}", code)
                for code in language_order(page_language)
                if code in languages
            )
        else:
            keys = ((field, None),)
        _per_language[key] = keys
    return keys


def _choose(row, keys, prefix: str = "") -> tuple[str, str | None]:
    """``pick`` for a row (``keys`` of ``_chooser``)."""
    for key, code in keys:
        value = row[prefix + key]
        if value:
            return value, code
    return "", None


def _in_language(text: str, language: str | None, page_language: str) -> str:
    """``text`` escaped, in ``<span lang>`` where it falls back to another language."""
    if language and language != page_language:
        return f'<span lang="{escape(language)}">{escape(text)}</span>'
    return escape(text)


def _prose(row, keys, field: str, page_language: str) -> str | None:
    """``{% translated_markdown %}`` of a row: the stored HTML in ``<div class="prose">``;
    None when the field has no text (``{% if obj.field %}``)."""
    source, language = _choose(row, keys)
    if not source:
        return None
    html = row[f"{field}_html_{language}" if language else f"{field}_html"]
    if not html:
        html = render_markdown(source)
        if not html:
            return ""
    lang = f' lang="{escape(language)}"' if language and language != page_language else ""
    return f'<div class="prose"{lang}>{html}</div>'


def _row_badge(visibility: str, labels: dict) -> str:
    """``{% visibility_badge %}`` of a row's ``visibility`` (none for public rows)."""
    if visibility == Visibility.PUBLIC:
        return ""
    label = labels.get(visibility, visibility)
    if not label:
        return ""
    return f'<span class="badge badge--{escape(visibility)}">{escape(label)}</span>'


# A primary key that no row has: an address reversed with it is split around it, and each
# row's key put in (``reverse_cached`` once per list, not once per row).
_PK = 9081726354


def _pk_link(viewname: str, **kwargs) -> tuple[str, str]:
    """The address of ``viewname`` with ``pk`` left out: the parts before and after it."""
    head, _sep, tail = reverse_cached(viewname, **kwargs, pk=_PK).partition(str(_PK))
    return escape(head), escape(tail)


def _columns(model, *fields: str) -> list[str]:
    return translated_columns(model, *fields)


def memo_row_columns() -> tuple[str, ...]:
    """What a memo card shows, as ``values()`` columns, its meeting's title included."""
    key = ("memo columns",)
    columns = _per_language.get(key)
    if columns is None:
        columns = _per_language[key] = (
            "pk",
            "meeting_id",
            "published_at",
            "visibility",
            *_columns(Memo, "title", "body", "decisions", "body_html", "decisions_html"),
            *(f"meeting__{c}" for c in _columns(Meeting, "title")),
        )
    return columns


def _meeting_row(meeting) -> dict:
    """A meeting instance (the list pages') as the row the cards read."""
    row = {c: getattr(meeting, c) for c in meeting_card_columns()}
    memo = getattr(meeting, "memo", None)
    row["memo"] = {c: getattr(memo, c) for c in _columns(Memo, "title")} if memo else None
    row["memo_href"] = getattr(meeting, "memo_href", "")
    row["comments_url"] = getattr(meeting, "comments_url", "")
    return row


def _memo_row(memo) -> dict:
    """A memo instance (the list pages') as the row the cards read."""
    row = {c: getattr(memo, c) for c in memo_row_columns() if not c.startswith("meeting__")}
    meeting_href = getattr(memo, "meeting_href", None)
    row["meeting_href"] = meeting_href
    if meeting_href:
        for column in _columns(Meeting, "title"):
            row[f"meeting__{column}"] = getattr(memo.meeting, column)
    return row


def meeting_cards(
    meetings: Sequence,
    *,
    heading: int = 4,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<article class="card">`` of each meeting, as ``_meeting.html`` wrote it: with
    its ``memo`` and ``memo_href`` and its ``comments_url`` where given. ``meetings``: rows
    of ``meeting_card_columns()`` (or instances)."""
    if not meetings:
        return mark_safe("")
    if not isinstance(meetings[0], dict):
        meetings = [_meeting_row(meeting) for meeting in meetings]
    page_language = current_language()
    texts = _texts()
    place, join, agenda = texts["Place"], texts["Join online"], texts["Agenda"]
    memo_label, comments = texts["Memo"], texts["Comments"]
    statuses, visibilities = _labels(Meeting, "status"), _labels(Meeting, "visibility")
    titles = _chooser(Meeting, "title", page_language)
    agendas = _chooser(Meeting, "agenda", page_language)
    memo_titles = _chooser(Memo, "title", page_language)
    edit = ""
    if can_edit:
        head, tail = _pk_link(
            "programme:meeting_update", programme_slug=programme_slug, slug=group_slug
        )
        edit = texts["Edit"]
    zone = get_current_timezone()
    parts: list[str] = []
    for meeting in meetings:
        pk = meeting["pk"]
        starts = meeting["starts_at"]
        if starts is not None:
            starts = starts.astimezone(zone)
            when = f'<time datetime="{starts.isoformat()}">{_day(starts)} {_clock(starts)}</time>'
        else:
            when = '<time datetime=""></time>'
        ends = meeting["ends_at"]
        if ends:
            ends = ends.astimezone(zone)
            when += f'–<time datetime="{ends.isoformat()}">{_clock(ends)}</time>'
        title_text, title_language = _choose(meeting, titles)
        title = escape(title_text)
        status = meeting["status"]
        out = (
            f'<article class="card" id="meeting-{pk}" aria-labelledby="meeting-{pk}-title">\n'
            f'  <h{heading} id="meeting-{pk}-title">'
            f"{_in_language(title_text, title_language, page_language)}"
            f"</h{heading}>\n"
            f"  <p>{when}\n"
            f'    <span class="badge">{escape(statuses.get(status, status))}</span>\n'
            f"    {_row_badge(meeting['visibility'], visibilities)}</p>\n"
        )
        location = meeting["location"]
        out += f"  <p>{place}: {escape(location)}</p>\n" if location else "  \n"
        online = meeting["online_url"]
        out += (
            f'  <p><a href="{escape(online)}" rel="noopener noreferrer nofollow">{join}'
            f'<span class="visually-hidden">: {title}</span></a></p>\n'
            if online
            else "  \n"
        )
        prose = _prose(meeting, agendas, "agenda", page_language)
        out += (
            f"  <details><summary>{agenda}</summary>{prose}</details>\n"
            if prose is not None
            else "  \n"
        )
        memo = meeting.get("memo")
        if memo:
            memo_title = _in_language(*_choose(memo, memo_titles), page_language)
            out += (
                f'  <p><a href="{escape(meeting.get("memo_href", ""))}">{memo_label}: '
                f"{memo_title}</a></p>\n"
            )
        else:
            out += "  \n"
        out += (
            f'  <p><a href="{escape(meeting.get("comments_url", ""))}">{comments}'
            f'<span class="visually-hidden">: {title}</span></a></p>\n'
        )
        out += (
            f'  <p><a href="{head}{pk}{tail}">{edit}'
            f'<span class="visually-hidden">: {title}</span></a></p>\n'
            if can_edit
            else "  \n"
        )
        parts.append(out + "</article>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def memo_cards(
    memos: Sequence,
    *,
    heading: int,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<article>`` of each memo, as ``_memo.html`` wrote it: with its meeting's link
    where ``meeting_href`` is given. ``memos``: rows of ``memo_row_columns()`` with their
    ``meeting_href`` (or instances)."""
    if not memos:
        return mark_safe("")
    if not isinstance(memos[0], dict):
        memos = [_memo_row(memo) for memo in memos]
    page_language = current_language()
    texts = _texts()
    published, meeting_label = texts["Published"], texts["Meeting"]
    decisions = texts["Decisions"]
    titles = _chooser(Memo, "title", page_language)
    bodies = _chooser(Memo, "body", page_language)
    decision_texts = _chooser(Memo, "decisions", page_language)
    meeting_titles = _chooser(Meeting, "title", page_language)
    edit = ""
    if can_edit:
        head, tail = _pk_link(
            "programme:memo_update", programme_slug=programme_slug, slug=group_slug
        )
        edit = texts["Edit"]
    zone = get_current_timezone()
    parts: list[str] = []
    for memo in memos:
        pk = memo["pk"]
        local = memo["published_at"]
        if local is not None:
            local = local.astimezone(zone)
            iso, day = local.isoformat(), _day(local)
        else:
            iso, day = "", ""
        meeting_href = memo.get("meeting_href")
        meeting_link = ""
        if meeting_href:
            meeting_title = _in_language(*_choose(memo, meeting_titles, "meeting__"), page_language)
            meeting_link = (
                f' · {meeting_label}: <a href="{escape(meeting_href)}">{meeting_title}</a>'
            )
        title_text, title_language = _choose(memo, titles)
        out = (
            f'<article id="memo-{pk}" aria-labelledby="memo-{pk}-title">\n'
            f'  <h{heading} id="memo-{pk}-title">'
            f"{_in_language(title_text, title_language, page_language)}"
            f"</h{heading}>\n"
            f'  <p class="muted">{published} <time datetime="{iso}">{day}</time>'
            f"{meeting_link}</p>\n"
            f"  {_prose(memo, bodies, 'body', page_language) or ''}\n"
        )
        prose = _prose(memo, decision_texts, "decisions", page_language)
        out += (
            f"  <h{heading + 1}>{decisions}</h{heading + 1}>{prose}\n"
            if prose is not None
            else "  \n"
        )
        out += (
            f'  <p><a href="{head}{pk}{tail}">{edit}'
            f'<span class="visually-hidden">: {escape(title_text)}</span></a></p>\n'
            if can_edit
            else "  \n"
        )
        parts.append(out + "</article>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


# --- The rows of the group page's lists and tables ---------------------------------------------
# Each was a ``{% for %}`` loop of group_detail.html; ``tests/test_cards.py`` keeps the loops
# as the reference. Each function writes what the loop wrote, whitespace included.


def item_rows(
    items: Sequence[dict],
    *,
    model,
    viewname: str,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<li>`` of each task or goal (``model``; ``viewname``: its edit view), from
    ``values()`` rows of ``selectors.item_row_columns()``."""
    if not items:
        return mark_safe("")
    page_language = current_language()
    titles = _chooser(model, "title", page_language)
    descriptions = _chooser(model, "description", page_language)
    if can_edit:
        head, tail = _pk_link(viewname, programme_slug=programme_slug, slug=group_slug)
        edit_label = escape(_texts()["Edit"])
    parts = []
    for item in items:
        title, language = _choose(item, titles)
        text = _in_language(title, language, page_language)
        edit = (
            f' <a href="{head}{item["pk"]}{tail}">{edit_label}'
            f'<span class="visually-hidden">: {escape(title)}</span></a>'
            if can_edit
            else ""
        )
        source, language = _choose(item, descriptions)
        description = ""
        if source:
            html = item[f"description_html_{language}" if language else "description_html"]
            html = html or render_markdown(source)
            lang = f' lang="{escape(language)}"' if language and language != page_language else ""
            description = f'<div class="prose muted"{lang}>{html}</div>'
        parts.append(f"<li>{text}{edit}{description}</li>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def _date(value) -> tuple[str, str]:
    """``|date:"Y-m-d"`` and ``|date:"j.n.Y"`` of a date."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}", _day(value)


def _period(start, end) -> str:
    """``includes/_period.html`` (its closing newline included)."""
    out = ""
    if start:
        iso, day = _date(start)
        out += f'<time datetime="{iso}">{day}</time>'
    if start or end:
        out += " – "
    if end:
        iso, day = _date(end)
        out += f'<time datetime="{iso}">{day}</time>'
    return out + "\n"


def display_name(row: dict, prefix: str = "person__") -> str:
    """``User.display_name`` of a row with the person's ``full_name``, ``email`` and
    ``removed_at``."""
    if row[f"{prefix}removed_at"]:
        return _texts()["Removed user"]
    return row[f"{prefix}full_name"] or row[f"{prefix}email"].split("@")[0]


def member_rows(
    members: Sequence[dict],
    *,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<tr>`` of each seat of the composition table, from the rows of
    ``selectors.group_members``."""
    if not members:
        return mark_safe("")
    page_language = current_language()
    roles = _labels(Membership, "role")
    names = _chooser(Organisation, "name", page_language)
    if can_edit:
        head, tail = _pk_link(
            "programme:membership_update", programme_slug=programme_slug, slug=group_slug
        )
        edit_label = escape(_texts()["Edit"])
    organisations: tuple[str, str] | None = None
    parts = []
    for membership in members:
        name = escape(display_name(membership))
        represents = ""
        slug = membership["represents__slug"]
        if slug is not None:
            if organisations is None:
                organisations = _slug_link("organisations:detail")
            url = organisations[0] + _quoted_slug(slug) + organisations[1]
            represents = (
                f'<a href="{escape(url)}">'
                f"{escape(_choose(membership, names, 'represents__')[0])}</a>"
            )
        edit = (
            f'<td><a href="{head}{membership["pk"]}{tail}">{edit_label}'
            f'<span class="visually-hidden">: {name}</span></a></td>'
            if can_edit
            else ""
        )
        role = membership["role"]
        period = _period(membership["term_start"], membership["term_end"])
        parts.append(
            "\n        <tr>\n"
            f'          <th scope="row">{name}</th>\n'
            f"          <td>{escape(roles.get(role, role))}</td>\n"
            f"          <td>{represents}</td>\n"
            f"          <td>{period}</td>\n"
            f"          {edit}\n"
            "        </tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def milestone_rows(
    milestones: Sequence[dict],
    *,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<tr>`` of each milestone of the group page's table, from the rows of
    ``selectors.group_page``."""
    if not milestones:
        return mark_safe("")
    page_language = current_language()
    overdue_label = escape(_texts()["Overdue"])
    statuses = _labels(Milestone, "status")
    visibilities = _labels(Milestone, "visibility")
    titles = _chooser(Milestone, "title", page_language)
    if can_edit:
        head, tail = _pk_link(
            "programme:milestone_update", programme_slug=programme_slug, slug=group_slug
        )
        edit_label = escape(_texts()["Edit"])
    today = localdate()
    parts = []
    for milestone in milestones:
        status = milestone["status"]
        overdue = status != MilestoneStatus.DONE and (
            status == MilestoneStatus.LATE or milestone["due_on"] < today
        )
        pk = milestone["pk"]
        iso, day = _date(milestone["due_on"])
        warning = (
            f' <strong class="badge">⚠ {overdue_label}</strong>'
            if overdue and status != "late"
            else ""
        )
        title, language = _choose(milestone, titles)
        edit = (
            f'<td><a href="{head}{pk}{tail}">{edit_label}'
            f'<span class="visually-hidden">: {escape(title)}</span></a></td>'
            if can_edit
            else ""
        )
        late = ' class="is-overdue"' if overdue else ""
        badge = _row_badge(milestone["visibility"], visibilities)
        parts.append(
            f'\n        <tr id="milestone-{pk}"{late}>\n'
            f'          <th scope="row">{_in_language(title, language, page_language)}'
            f" {badge}</th>\n"
            f'          <td><time datetime="{iso}">{day}</time></td>\n'
            f"          <td>{escape(statuses.get(status, status))}{warning}</td>\n"
            f"          {edit}\n"
            "        </tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def _slug_link(viewname: str, **kwargs) -> tuple[str, str]:
    """The address of ``viewname`` with ``slug`` left out: the parts before and after it."""
    head, _sep, tail = reverse_cached(viewname, **kwargs, slug=_SLUG).partition(_SLUG)
    return head, tail


def _quoted_slug(slug: str) -> str:
    """A slug quoted as ``reverse()`` quotes it."""
    return quote(slug, safe=RFC3986_SUBDELIMS + "/~:@")


_SLUG = "group-card-slug"


def group_cards(groups) -> SafeString:
    """The programme page's cards of its working groups, as ``programme_detail.html``'s loop
    wrote them (whitespace included; ``tests/test_rows.py`` keeps the two the same): the
    group's link and name, its visible parent and its badge when it is not public. A
    programme lists a hundred groups."""
    page_language = current_language()
    # One reversed address per programme, each group's slug put in (quoted as reverse() does).
    bases: dict[str, str] = {}
    parts = []
    for group in groups:
        programme_slug = group.programme.slug
        base = bases.get(programme_slug)
        if base is None:
            base = bases[programme_slug] = reverse_cached(
                "programme:group_detail", programme_slug=programme_slug, slug=_SLUG
            )
        url = base.replace(_SLUG, quote(group.slug, safe=RFC3986_SUBDELIMS + "/~:@"))
        parent = ""
        if group.parent_id is not None and group.parent_visible and group.parent:
            parent = '<p class="muted">{}</p>'.format(
                gettext("Sub-group of %(parent)s") % {"parent": escape(group.parent.name)}
            )
        badge = f"<p>{_badge(group)}</p>" if group.visibility != Visibility.PUBLIC else ""
        parts.append(
            '\n  <li class="card">\n'
            f'    <h3><a href="{escape(url)}">'
            f"{_text(group, 'name', page_language)}</a></h3>\n"
            f"    {parent}\n"
            f"    {badge}\n"
            "  </li>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def group_breadcrumbs(programme, group, links: dict[str, str] | None = None) -> SafeString:
    """``includes/_breadcrumbs.html`` of a group's own page (a group, no ``title``);
    ``links``: ``group_page_links(group)``."""
    t = _texts()
    page_language = current_language()
    if links is None:
        links = group_page_links(group)
    home, programmes = links["home"], links["programmes"]
    breadcrumbs, front_page = t["Breadcrumbs"], t["Front page"]
    programmes_label = t["Programmes"]
    return mark_safe(  # noqa: S308 - every text escaped
        f'<nav class="breadcrumbs" aria-label="{breadcrumbs}">\n'
        "  <ol>\n"
        f'    <li><a href="{escape(home)}">{front_page}</a></li>\n'
        f'    <li><a href="{escape(programmes)}">{programmes_label}</a></li>\n'
        f'    <li><a href="{escape(links["programme"])}">'
        f"{_text(programme, 'name', page_language)}</a></li>\n"
        f'    <li><a href="{escape(links["group"])}" aria-current="page">'
        f"{_text(group, 'name', page_language)}</a></li>\n"
        "    \n"
        "  </ol>\n"
        "</nav>\n"
    )


def count_texts(counts: dict[str, int]) -> dict[str, str]:
    """The group page's counts in words, as its ``{% blocktranslate count %}`` wrote them
    (the translation as it is, the number localized): a template tag each cost ~150 calls.
    Kept per language and counts (a group's page shows the same ones until they change)."""
    key = ("counts", get_language(), *sorted(counts.items()))
    texts = _per_language.get(key)
    if texts is None:
        texts = _count_texts(counts)
        _remember(key, texts)
    return texts


def _count_texts(counts: dict[str, int]) -> dict[str, str]:
    def _n(text: str, number: int) -> str:
        return mark_safe(text % {"counter": localize(number)})  # noqa: S308 - a number

    tasks, goals = counts["task_count"], counts["goal_count"]
    meetings, upcoming = counts["meeting_count"], counts["upcoming_count"]
    milestones, open_ = counts["milestone_count"], counts["open_milestone_count"]
    memos = counts["memo_count"]
    return {
        "tasks_all": _n(
            ngettext("Show all %(counter)s task", "Show all %(counter)s tasks", tasks), tasks
        ),
        "goals_all": _n(
            ngettext("Show all %(counter)s goal", "Show all %(counter)s goals", goals), goals
        ),
        "meetings": _n(ngettext("%(counter)s meeting", "%(counter)s meetings", meetings), meetings),
        "upcoming": _n(
            ngettext("%(counter)s upcoming", "%(counter)s upcoming", upcoming), upcoming
        ),
        "meetings_all": _n(
            ngettext("All %(counter)s meeting", "All %(counter)s meetings", meetings), meetings
        ),
        "milestones": _n(
            ngettext("%(counter)s milestone", "%(counter)s milestones", milestones), milestones
        ),
        "open_milestones": _n(ngettext("%(counter)s open", "%(counter)s open", open_), open_),
        "memos": _n(ngettext("%(counter)s memo", "%(counter)s memos", memos), memos),
        "memos_all": _n(ngettext("All %(counter)s memo", "All %(counter)s memos", memos), memos),
    }


# The group page's addresses of the group: ``reverse_cached`` instead of ``{% url %}``.
_GROUP_ADDRESSES = {
    # The group's list pages (``views.GROUP_LISTS``).
    "meetings": "programme:group_meetings",
    "memos": "programme:group_memos",
    "tasks": "programme:group_tasks",
    "goals": "programme:group_goals",
    # Its feeds and discussions.
    "rss": "news:group_feed_rss",
    "atom": "news:group_feed_atom",
    "ical": "programme:group_meetings_ical",
    "discussions": "discussions:group",
    # Its own page.
    "group": "programme:group_detail",
}


def group_page_links(group) -> dict[str, str]:
    """The group page's links to the group's list pages, feeds, discussions, timeline and
    questions, and the breadcrumbs' addresses: worked out once per process, language, script
    prefix and URLconf for each group (the dict is shared: not to be changed)."""
    programme_slug, slug = group.programme.slug, group.slug
    key = ("links", get_language(), get_script_prefix(), get_urlconf(), programme_slug, slug)
    links = _per_language.get(key)
    if links is None:
        links = {
            name: reverse_cached(viewname, programme_slug=programme_slug, slug=slug)
            for name, viewname in _GROUP_ADDRESSES.items()
        }
        links["timeline"] = reverse_cached("programme:timeline", slug=programme_slug)
        links["ask"] = reverse_cached("questions:ask")
        links["home"] = reverse_cached("site:home")
        links["programmes"] = reverse_cached("programme:list")
        links["programme"] = reverse_cached("programme:detail", slug=programme_slug)
        _remember(key, links)
    return links


def _remember(key: tuple, value) -> None:
    """Keep ``value`` for ``key`` (a few thousand entries at most: the groups' links and
    counts come and go)."""
    if len(_per_language) > 4096:
        _per_language.clear()
    _per_language[key] = value


def _action(viewname: str, label: str, edit: tuple[str, str] | None) -> str:
    """A section's ``<p class="section-action">`` link to add an item, for the group's
    editors (``edit``: the programme's and the group's slugs)."""
    if edit is None:
        return ""
    url = reverse_cached(viewname, programme_slug=edit[0], slug=edit[1])
    return f'<p class="section-action"><a href="{escape(url)}">{label}</a></p>'


def _items_section(
    key: str, label: str, add: str, viewname: str, rows, items, total, all_text, url, edit
) -> str:
    """The tasks or goals section (``key``), as group_detail.html wrote it."""
    if not (items or edit):
        return ""
    listed = f'<ul class="item-list">{rows}</ul>' if items else ""
    more = (
        f'<p class="more-link"><a href="{escape(url)}">{all_text}</a></p>'
        if total > len(items)
        else ""
    )
    action = _action(viewname, add, edit)
    return (
        f'\n<section aria-labelledby="{key}">\n'
        f'  <h2 id="{key}">{label}</h2>\n'
        f"  {listed}\n"
        f"  {more}\n"
        f"  {action}\n"
        "</section>\n"
    )


def group_sections(context: dict) -> SafeString:
    """The group page's main column up to its documents (mandate, tasks, goals, composition,
    meetings, milestones and memos) as group_detail.html wrote it, whitespace included:
    ``context`` is the view's, its rows and cards already written. ``tests/test_cards.py``
    keeps the two the same."""
    t = _texts()
    page_language = current_language()
    group, can_edit = context["group"], context["can_edit"]
    counts, texts = context["counts"], context["count_texts"]
    urls, links = context["list_urls"], context["links"]
    edit = (group.programme.slug, group.slug) if can_edit else None
    out = '<div class="two-columns">\n<div>\n'
    if group.mandate:
        mandate = t["Mandate"]
        out += (
            '\n<section aria-labelledby="mandate">\n'
            f'  <h2 id="mandate">{mandate}</h2>\n'
            f"  {_markdown(group, 'mandate', page_language)}\n"
            "</section>\n"
        )
    out += "\n\n"
    tasks, goals = context["tasks"], context["goals"]
    out += _items_section(
        "tasks",
        t["Tasks"],
        t["Add a task"],
        "programme:task_create",
        context["task_rows"],
        tasks,
        counts["task_count"],
        texts["tasks_all"],
        urls["tasks"],
        edit,
    )
    out += "\n\n"
    out += _items_section(
        "goals",
        t["Goals"],
        t["Add a goal"],
        "programme:goal_create",
        context["goal_rows"],
        goals,
        counts["goal_count"],
        texts["goals_all"],
        urls["goals"],
        edit,
    )
    out += "\n\n" + _section_start(
        "composition",
        t["Composition"],
        "programme:membership_create",
        t["Add a member"],
        edit,
    )
    members = context["members"]
    actions = ""
    if can_edit:
        actions_label = t["Actions"]
        actions = f'<th scope="col"><span class="visually-hidden">{actions_label}</span></th>'
    if members:
        n = len(members)
        caption = ngettext("%(group)s: %(counter)s member", "%(group)s: %(counter)s members", n) % {
            "group": escape(group.name),
            "counter": localize(n),
        }
        member, role = t["Member"], t["Role"]
        organisation, term = t["Organisation represented"], t["Term"]
        out += (
            '  \n  <div class="table-wrapper">\n'
            "    <table>\n"
            f"      <caption>{caption}</caption>\n"
            f'      <thead><tr><th scope="col">{member}</th>'
            f'<th scope="col">{role}</th>'
            f'<th scope="col">{organisation}</th>'
            f'<th scope="col">{term}</th>{actions}</tr></thead>\n'
            "      <tbody>\n"
            f"      {context['member_rows']}\n"
            "      </tbody>\n"
            "    </table>\n"
            "  </div>\n  \n"
        )
    else:
        no_members = t["No members have been recorded."]
        out += f"  \n  <p>{no_members}</p>\n  \n"
    out += "</section>\n\n"
    # Meetings.
    ical = ""
    if group.visibility == "public":
        subscribe = t["Subscribe to the public meetings (iCal)"]
        ical = f'<p><a href="{escape(links["ical"])}">{subscribe}</a></p>'
    upcoming_count = f", {texts['upcoming']}" if counts["upcoming_count"] else ""
    upcoming = context["upcoming_cards"]
    if not context["upcoming_meetings"]:
        no_upcoming = t["No upcoming meetings."]
        upcoming = f"<p>{no_upcoming}</p>"
    past = context["past_cards"]
    if not context["past_meetings"]:
        no_past = t["No past meetings."]
        past = f"<p>{no_past}</p>"
    all_meetings = (
        f'<p class="more-link"><a href="{escape(urls["meetings"])}">{texts["meetings_all"]}</a></p>'
        if counts["meeting_count"]
        else ""
    )
    upcoming_label, past_label = t["Upcoming meetings"], t["Recent past meetings"]
    out += _section_start(
        "meetings", t["Meetings"], "programme:meeting_create", t["Add a meeting"], edit
    )
    out += (
        f"  {ical}\n"
        f'  <p class="muted" id="meeting-count">{texts["meetings"]}{upcoming_count}</p>\n'
        f"  <h3>{upcoming_label}</h3>\n"
        f"  {upcoming}\n"
        f"  <h3>{past_label}</h3>\n"
        f"  {past}\n"
        f"  {all_meetings}\n"
        "</section>\n\n"
    )
    # Milestones.
    milestone_count = counts["milestone_count"]
    summary = (
        f'<p class="muted">{texts["milestones"]}, {texts["open_milestones"]}</p>'
        if milestone_count
        else ""
    )
    out += _section_start(
        "milestones",
        t["Milestones"],
        "programme:milestone_create",
        t["Add a milestone"],
        edit,
    )
    out += f"  {summary}\n"
    if context["milestones"]:
        caption = t["Next open milestones and deadlines of %(group)s"] % {
            "group": escape(group.name)
        }
        milestone, due = t["Milestone"], t["Due date"]
        status = t["Status"]
        out += (
            '  \n  <div class="table-wrapper">\n'
            "    <table>\n"
            f"      <caption>{caption}</caption>\n"
            f'      <thead><tr><th scope="col">{milestone}</th>'
            f'<th scope="col">{due}</th>'
            f'<th scope="col">{status}</th>{actions}</tr></thead>\n'
            "      <tbody>\n"
            f"      {context['milestone_rows']}\n"
            "      </tbody>\n"
            "    </table>\n"
            "  </div>\n  \n"
        )
    elif milestone_count:
        no_open = t["No open milestones."]
        out += f"  \n  <p>{no_open}</p>\n  \n"
    else:
        no_milestones = t["No milestones have been published."]
        out += f"  \n  <p>{no_milestones}</p>\n  \n"
    timeline = ""
    if milestone_count:
        on_timeline = t["All milestones of the group on the timeline"]
        timeline = (
            f'<p class="more-link"><a href="{escape(links["timeline"])}?group='
            f'{escape(group.slug)}&amp;kind=milestone">{on_timeline}</a></p>'
        )
    out += f"  {timeline}\n</section>\n\n"
    # Memos.
    memos, memo_count = context["memos"], counts["memo_count"]
    memo_summary = f'<p class="muted">{texts["memos"]}</p>' if memo_count else ""
    listed = context["memo_cards"]
    if not memos:
        no_memos = t["No memos have been published."]
        listed = f"\n  <p>{no_memos}</p>\n  "
    all_memos = (
        f'<p class="more-link"><a href="{escape(urls["memos"])}">{texts["memos_all"]}</a></p>'
        if memo_count > len(memos)
        else ""
    )
    out += _section_start(
        "memos",
        t["Memos and decisions"],
        "programme:memo_create",
        t["Add a memo"],
        edit,
    )
    out += f"  {memo_summary}\n  {listed}\n  {all_memos}\n</section>\n\n"
    return mark_safe(out)  # noqa: S308 - every text escaped above


def _section_start(key: str, label: str, viewname: str, add: str, edit) -> str:
    """A section's opening with its heading and, for an editor, its "Add" link."""
    return (
        f'<section aria-labelledby="{key}">\n'
        f'  <h2 id="{key}">{label}</h2>\n'
        f"  {_action(viewname, add, edit)}\n"
    )


def group_page_end(group, links: dict[str, str]) -> SafeString:
    """The group page's discussions and questions sections, as group_detail.html wrote them."""
    t = _texts()
    threads = t["The group's discussion threads"]
    discussions, questions = t["Discussions"], t["Questions"]
    ask = t["Ask this group a question"]
    return mark_safe(  # noqa: S308 - every text escaped
        '<section aria-labelledby="group-discussions">\n'
        f'  <h2 id="group-discussions">{discussions}</h2>\n'
        f'  <p><a href="{escape(links["discussions"])}">'
        f"{threads}</a></p>\n"
        "</section>\n"
        '<section aria-labelledby="group-questions">\n'
        f'  <h2 id="group-questions">{questions}</h2>\n'
        f'  <p><a href="{escape(links["ask"])}?group={group.pk}">{ask}</a></p>\n'
        "</section>\n"
    )


# --- The rest of the group page ---------------------------------------------------------------
# What group_detail.html wrote around the sections above, whitespace included: its head links,
# the heading's line, the editor's menu and memo drafts, the documents table and the aside.


def _csrf_input(token: str | None) -> str:
    """``{% csrf_token %}``."""
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'


def _number(value: int) -> str:
    """``{{ value }}`` of a whole number."""
    if not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return escape(localize(value))


def group_head(group, links: dict[str, str]) -> SafeString:
    """The page's feed links in ``<head>`` (a public group's)."""
    t = _texts()
    if group.visibility != "public":
        return mark_safe("")
    name = escape(group.name)
    rss = t["News: %(name)s (RSS)"] % {"name": name}
    atom = t["News: %(name)s (Atom)"] % {"name": name}
    ical = t["Meetings: %(name)s (iCal)"] % {"name": name}
    return mark_safe(  # noqa: S308 - every text escaped
        f'\n<link rel="alternate" type="application/rss+xml" title="{rss}" '
        f'href="{escape(links["rss"])}">\n'
        f'<link rel="alternate" type="application/atom+xml" title="{atom}" '
        f'href="{escape(links["atom"])}">\n'
        f'<link rel="alternate" type="text/calendar" title="{ical}" '
        f'href="{escape(links["ical"])}">\n'
    )


def group_heading(group) -> SafeString:
    """The page's ``<h1>``."""
    return mark_safe(f"<h1>{_text(group, 'name', current_language())}</h1>\n")  # noqa: S308


def _edit_menu(group, programme_slug: str, slug: str, csrf: str) -> str:
    t = _texts()

    def url(viewname: str) -> str:
        return escape(reverse_cached(viewname, programme_slug=programme_slug, slug=slug))

    items = "".join(
        f'      <li>{t[label]}: <a href="{url(viewname)}">{t[add]}</a></li>\n'
        for label, viewname, add in (
            (gettext_noop("Tasks"), "programme:task_create", gettext_noop("Add a task")),
            (gettext_noop("Goals"), "programme:goal_create", gettext_noop("Add a goal")),
            (
                gettext_noop("Composition"),
                "programme:membership_create",
                gettext_noop("Add a member"),
            ),
            (gettext_noop("Meetings"), "programme:meeting_create", gettext_noop("Add a meeting")),
            (
                gettext_noop("Milestones"),
                "programme:milestone_create",
                gettext_noop("Add a milestone"),
            ),
            (
                gettext_noop("Memos and decisions"),
                "programme:memo_create",
                gettext_noop("Add a memo"),
            ),
            (
                gettext_noop("Documents"),
                "programme:document_upload",
                gettext_noop("Add a document"),
            ),
        )
    )
    archived = bool(group.archived_at)
    archive = t["Take the group out of the archive"] if archived else t["Archive the group"]
    return (
        '\n<details class="edit-menu">\n'
        f'  <summary class="button">{t["Edit group"]}</summary>\n'
        f'  <nav aria-label="{t["Maintain the group"]}">\n'
        '    <ul class="edit-menu__list">\n'
        f'      <li><a href="{url("programme:group_update")}">'
        f"{t['Edit the mandate, visibility and contact persons']}</a></li>\n"
        f"{items}"
        "    </ul>\n"
        "  </nav>\n"
        '  <div class="danger-zone">\n'
        f'    <form method="post" action="{url("programme:group_archive")}">\n'
        f'      {csrf}<input type="hidden" name="archive" value="{"0" if archived else "1"}">\n'
        f'      <button type="submit" class="button--secondary">{archive}</button>\n'
        "    </form>\n"
        f'    <a class="button button--danger" href="{url("programme:group_delete")}">'
        f"{t['Delete the group']}</a>\n"
        "  </div>\n"
        "</details>\n  "
    )


def _drafts(drafts, programme_slug: str, slug: str, csrf: str) -> str:
    t = _texts()
    if not drafts:
        return ""
    page_language = current_language()
    edit_head, edit_tail = _pk_link(
        "programme:memo_update", programme_slug=programme_slug, slug=slug
    )
    publish_head, publish_tail = _pk_link(
        "programme:memo_publish", programme_slug=programme_slug, slug=slug
    )
    edit, publish = t["Edit"], t["Publish"]
    rows = []
    for memo in drafts:
        when = ""
        if memo.published_at:
            local = template_localtime(memo.published_at)
            date = escape(f"{_day(local)} {_clock(local)}")
            scheduled = t["to be published %(date)s"] % {"date": date}
            when = f' <span class="muted">({scheduled})</span>'
        title = escape(memo.title)
        pk = memo.pk
        rows.append(
            f"\n    <li>{_text(memo, 'title', page_language)}{when}\n"
            f'      <a href="{edit_head}{pk}{edit_tail}">{edit}'
            f'<span class="visually-hidden">: {title}</span></a>\n'
            f'      <form method="post" action="{publish_head}{pk}{publish_tail}" '
            f'class="inline-form">{csrf}<button type="submit" class="button button--small">'
            f'{publish}<span class="visually-hidden">: {title}</span></button></form></li>\n    '
        )
    heading = t["Memo drafts"]
    return f'\n  <h2 id="drafts">{heading}</h2>\n  <ul>\n    {"".join(rows)}\n  </ul>\n  '


def group_top(
    group, programme, *, can_edit: bool, draft_memos=(), csrf_token: str | None = None
) -> SafeString:
    """From the line under the heading to the sections: the programme, the parent group and
    the badge, the archive notice and, for the group's editors, their menu and memo drafts."""
    t = _texts()
    page_language = current_language()
    parent = ""
    if group.parent_visible and group.parent:
        parent = " · " + t["Sub-group of %(parent)s"] % {"parent": escape(group.parent.name)}
    badge = _badge(group) if group.visibility != Visibility.PUBLIC else ""
    out = f'\n<p class="muted">{_text(programme, "name", page_language)}{parent}\n{badge}</p>\n'
    if group.archived_at:
        archived = t["Archived"]
        notice = t["This group has finished its work: its page is kept for reference."]
        out += (
            f'<p class="notice"><span class="badge badge--archived">{archived}</span> {notice}</p>'
        )
    out += "\n\n"
    if can_edit:
        csrf = _csrf_input(csrf_token)
        out += _edit_menu(group, programme.slug, group.slug, csrf)
        out += _drafts(draft_memos, programme.slug, group.slug, csrf)
        out += "\n"
    return mark_safe(out + "\n\n")  # noqa: S308 - every text escaped


def _documents(group, documents, *, can_edit: bool, csrf: str) -> str:
    t = _texts()
    programme_slug, slug = group.programme.slug, group.slug
    out = f'<section aria-labelledby="documents">\n  <h2 id="documents">{t["Documents"]}</h2>\n  '
    if can_edit:
        upload = escape(
            reverse_cached("programme:document_upload", programme_slug=programme_slug, slug=slug)
        )
        out += f'<p class="section-action"><a href="{upload}">{t["Add a document"]}</a></p>'
    out += "\n  "
    if not documents:
        no_documents = t["No documents have been published."]
        return out + f"\n  <p>{no_documents}</p>\n  \n</section>\n"
    caption = t["Documents of %(group)s"] % {"group": escape(group.name)}
    actions = ""
    if can_edit:
        actions = f'<th scope="col"><span class="visually-hidden">{t["Actions"]}</span></th>'
        remove_head, remove_tail = _pk_link(
            "programme:document_remove", programme_slug=programme_slug, slug=slug
        )
        remove = t["Remove"]
    download_head, download_tail = _pk_link(
        "programme:document_download", programme_slug=programme_slug, slug=slug
    )
    visibilities = _labels(type(documents[0]), "visibility")
    rows = []
    for document in documents:
        pk = document.pk
        title = escape(document.title)
        badge = _row_badge(document.visibility, visibilities)
        created = template_localtime(document.created)
        remove_cell = (
            f'<td><form method="post" action="{remove_head}{pk}{remove_tail}" '
            f'class="inline-form">{csrf}<button type="submit" '
            f'class="button button--small button--danger">{remove}'
            f'<span class="visually-hidden">: {title}</span></button></form></td>'
            if can_edit
            else ""
        )
        rows.append(
            f'\n        <tr id="document-{_number(pk)}">\n'
            f'          <th scope="row"><a href="{download_head}{pk}{download_tail}">{title}</a> '
            f"{badge}</th>\n"
            f"          <td>{escape(document.extension)}</td>\n"
            f"          <td>{escape(filesizeformat(document.size))}</td>\n"
            f'          <td><time datetime="{created.isoformat()}">{_day(created)}</time></td>\n'
            f"          {remove_cell}\n"
            "        </tr>\n      "
        )
    return out + (
        '\n  <div class="table-wrapper">\n'
        "    <table>\n"
        f"      <caption>{caption}</caption>\n"
        f'      <thead><tr><th scope="col">{t["Document"]}</th>'
        f'<th scope="col">{t["Type"]}</th>'
        f'<th scope="col">{t["Size"]}</th>'
        f'<th scope="col">{t["Added"]}</th>{actions}</tr></thead>\n'
        "      <tbody>\n"
        f"      {''.join(rows)}\n"
        "      </tbody>\n"
        "    </table>\n"
        "  </div>\n"
        "  \n</section>\n"
    )


def _aside(group, contacts, sub_groups) -> str:
    t = _texts()
    out = (
        '\n<aside aria-labelledby="contacts">\n'
        f'  <h2 id="contacts">{t["Contact persons"]}</h2>\n  \n  '
    )
    if contacts:
        people = []
        for person in contacts:
            title = person["title"]
            job = f', <span class="muted">{escape(title)}</span>' if title else ""
            email = escape(person["email"])
            mail = f'<br><a href="mailto:{email}">{email}</a>' if not person["removed_at"] else ""
            people.append(f"<li>{escape(display_name(person, ''))}{job}{mail}</li>")
        out += f"\n  <ul>{''.join(people)}</ul>\n  "
    else:
        out += f"\n  <p>{t['No contact persons have been named.']}</p>\n  "
    out += "\n  \n  "
    if sub_groups:
        page_language = current_language()
        items = []
        for child in sub_groups:
            if child.programme_id == group.programme_id:
                child.programme = group.programme  # the same programme: no query for its slug
            url = escape(child.get_absolute_url())
            items.append(f'<li><a href="{url}">{_text(child, "name", page_language)}</a></li>')
        out += f'\n  <h2 id="sub-groups">{t["Sub-groups"]}</h2>\n  <ul>{"".join(items)}</ul>\n  '
    return out + "\n</aside>\n</div>\n"


def group_main_end(
    group, *, documents, contacts, sub_groups, can_edit: bool, csrf_token: str | None = None
) -> SafeString:
    """The documents section, the end of the main column, and the aside (contact persons,
    sub-groups)."""
    csrf = _csrf_input(csrf_token) if can_edit else ""
    return mark_safe(  # noqa: S308 - every text escaped
        _documents(group, documents, can_edit=can_edit, csrf=csrf)
        + "</div>\n"
        + _aside(group, contacts, sub_groups)
    )
