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
from urllib.parse import quote

from django.utils.formats import localize
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from kaiku.core.content import Visibility
from kaiku.core.links import reverse_cached
from kaiku.core.markdown import render_markdown
from kaiku.core.translations import current_language, pick, pick_html, pick_value

from .models import Meeting, Memo


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


def _edit_link(viewname: str, obj, programme_slug: str, group_slug: str) -> str:
    url = reverse_cached(viewname, programme_slug=programme_slug, slug=group_slug, pk=obj.pk)
    edit = gettext("Edit")
    return (
        f'  <p><a href="{escape(url)}">{edit}'
        f'<span class="visually-hidden">: {escape(obj.title)}</span></a></p>\n'
    )


def meeting_cards(
    meetings: Sequence[Meeting],
    *,
    heading: int = 4,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<article class="card">`` of each meeting, as ``_meeting.html`` wrote it: with
    its ``memo`` and ``memo_href`` and its ``comments_url`` where given."""
    page_language = current_language()
    place, join, agenda = gettext("Place"), gettext("Join online"), gettext("Agenda")
    memo_label, comments = gettext("Memo"), gettext("Comments")
    parts: list[str] = []
    for meeting in meetings:
        pk = meeting.pk
        starts = _local(meeting.starts_at)
        when = (
            f'<time datetime="{starts.isoformat()}">{_day(starts)} {_clock(starts)}</time>'
            if starts is not None
            else '<time datetime=""></time>'
        )
        if meeting.ends_at:
            ends = _local(meeting.ends_at)
            when += f'–<time datetime="{ends.isoformat()}">{_clock(ends)}</time>'
        badge = _badge(meeting) if meeting.visibility != Visibility.PUBLIC else ""
        title = escape(meeting.title)
        out = (
            f'<article class="card" id="meeting-{pk}" aria-labelledby="meeting-{pk}-title">\n'
            f'  <h{heading} id="meeting-{pk}-title">{_text(meeting, "title", page_language)}'
            f"</h{heading}>\n"
            f"  <p>{when}\n"
            f'    <span class="badge">{escape(meeting.get_status_display())}</span>\n'
            f"    {badge}</p>\n"
        )
        location = meeting.location
        out += f"  <p>{place}: {escape(location)}</p>\n" if location else "  \n"
        online = meeting.online_url
        out += (
            f'  <p><a href="{escape(online)}" rel="noopener noreferrer nofollow">{join}'
            f'<span class="visually-hidden">: {title}</span></a></p>\n'
            if online
            else "  \n"
        )
        out += (
            f"  <details><summary>{agenda}</summary>"
            f"{_markdown(meeting, 'agenda', page_language)}</details>\n"
            if meeting.agenda
            else "  \n"
        )
        memo = getattr(meeting, "memo", None)
        out += (
            f'  <p><a href="{escape(getattr(meeting, "memo_href", ""))}">{memo_label}: '
            f"{_text(memo, 'title', page_language)}</a></p>\n"
            if memo
            else "  \n"
        )
        out += (
            f'  <p><a href="{escape(getattr(meeting, "comments_url", ""))}">{comments}'
            f'<span class="visually-hidden">: {title}</span></a></p>\n'
        )
        out += (
            _edit_link("programme:meeting_update", meeting, programme_slug, group_slug)
            if can_edit
            else "  \n"
        )
        parts.append(out + "</article>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def memo_cards(
    memos: Sequence[Memo],
    *,
    heading: int,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<article>`` of each memo, as ``_memo.html`` wrote it: with its meeting's link
    where ``meeting_href`` is given."""
    page_language = current_language()
    published, meeting_label = gettext("Published"), gettext("Meeting")
    decisions = gettext("Decisions")
    parts: list[str] = []
    for memo in memos:
        pk = memo.pk
        local = _local(memo.published_at)
        iso, day = (local.isoformat(), _day(local)) if local is not None else ("", "")
        meeting_href = getattr(memo, "meeting_href", None)
        meeting_link = (
            f' · {meeting_label}: <a href="{escape(meeting_href)}">'
            f"{_text(memo.meeting, 'title', page_language)}</a>"
            if meeting_href
            else ""
        )
        out = (
            f'<article id="memo-{pk}" aria-labelledby="memo-{pk}-title">\n'
            f'  <h{heading} id="memo-{pk}-title">{_text(memo, "title", page_language)}'
            f"</h{heading}>\n"
            f'  <p class="muted">{published} <time datetime="{iso}">{day}</time>'
            f"{meeting_link}</p>\n"
            f"  {_markdown(memo, 'body', page_language)}\n"
        )
        out += (
            f"  <h{heading + 1}>{decisions}</h{heading + 1}>"
            f"{_markdown(memo, 'decisions', page_language)}\n"
            if memo.decisions
            else "  \n"
        )
        out += (
            _edit_link("programme:memo_update", memo, programme_slug, group_slug)
            if can_edit
            else "  \n"
        )
        parts.append(out + "</article>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


# --- The rows of the group page's lists and tables ---------------------------------------------
# Each was a ``{% for %}`` loop of group_detail.html; ``tests/test_cards.py`` keeps the loops
# as the reference. Each function writes what the loop wrote, whitespace included.


def _edit_cell(viewname: str, obj, label: str, programme_slug: str, group_slug: str) -> str:
    url = reverse_cached(viewname, programme_slug=programme_slug, slug=group_slug, pk=obj.pk)
    edit = gettext("Edit")
    return (
        f'<a href="{escape(url)}">{escape(edit)}'
        f'<span class="visually-hidden">: {escape(label)}</span></a>'
    )


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
    page_language = current_language()
    parts = []
    for item in items:
        title, language = pick_value(item, model, "title", language=page_language)
        text = escape(title)
        if language and language != page_language:
            text = f'<span lang="{escape(language)}">{text}</span>'
        edit = ""
        if can_edit:
            url = reverse_cached(
                viewname, programme_slug=programme_slug, slug=group_slug, pk=item["pk"]
            )
            edit_label = gettext("Edit")
            edit = (
                f' <a href="{escape(url)}">{escape(edit_label)}'
                f'<span class="visually-hidden">: {escape(title)}</span></a>'
            )
        source, language = pick_value(item, model, "description", language=page_language)
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


def member_rows(
    members: Sequence, *, can_edit: bool = False, programme_slug: str = "", group_slug: str = ""
) -> SafeString:
    """The ``<tr>`` of each seat of the composition table."""
    parts = []
    for membership in members:
        name = membership.person.display_name
        organisation = membership.represents
        represents = (
            f'<a href="{escape(organisation.get_absolute_url())}">{escape(organisation.name)}</a>'
            if organisation
            else ""
        )
        edit = (
            "<td>"
            + _edit_cell(
                "programme:membership_update", membership, name, programme_slug, group_slug
            )
            + "</td>"
            if can_edit
            else ""
        )
        parts.append(
            "\n        <tr>\n"
            f'          <th scope="row">{escape(name)}</th>\n'
            f"          <td>{escape(membership.get_role_display())}</td>\n"
            f"          <td>{represents}</td>\n"
            f"          <td>{_period(membership.term_start, membership.term_end)}</td>\n"
            f"          {edit}\n"
            "        </tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def milestone_rows(
    milestones: Sequence,
    *,
    can_edit: bool = False,
    programme_slug: str = "",
    group_slug: str = "",
) -> SafeString:
    """The ``<tr>`` of each milestone of the group page's table."""
    page_language = current_language()
    overdue_label = escape(gettext("Overdue"))
    parts = []
    for milestone in milestones:
        overdue = milestone.is_overdue
        badge = _badge(milestone) if milestone.visibility != Visibility.PUBLIC else ""
        iso, day = _date(milestone.due_on)
        warning = (
            f' <strong class="badge">⚠ {overdue_label}</strong>'
            if overdue and milestone.status != "late"
            else ""
        )
        edit = (
            "<td>"
            + _edit_cell(
                "programme:milestone_update",
                milestone,
                milestone.title,
                programme_slug,
                group_slug,
            )
            + "</td>"
            if can_edit
            else ""
        )
        late = ' class="is-overdue"' if overdue else ""
        parts.append(
            f'\n        <tr id="milestone-{milestone.pk}"{late}>\n'
            f'          <th scope="row">{_text(milestone, "title", page_language)} {badge}</th>\n'
            f'          <td><time datetime="{iso}">{day}</time></td>\n'
            f"          <td>{escape(milestone.get_status_display())}{warning}</td>\n"
            f"          {edit}\n"
            "        </tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


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


def group_breadcrumbs(programme, group) -> SafeString:
    """``includes/_breadcrumbs.html`` of a group's own page (a group, no ``title``)."""
    page_language = current_language()
    home, programmes = reverse_cached("site:home"), reverse_cached("programme:list")
    breadcrumbs, front_page = gettext("Breadcrumbs"), gettext("Front page")
    programmes_label = gettext("Programmes")
    return mark_safe(  # noqa: S308 - every text escaped
        f'<nav class="breadcrumbs" aria-label="{breadcrumbs}">\n'
        "  <ol>\n"
        f'    <li><a href="{escape(home)}">{front_page}</a></li>\n'
        f'    <li><a href="{escape(programmes)}">{programmes_label}</a></li>\n'
        f'    <li><a href="{escape(programme.get_absolute_url())}">'
        f"{_text(programme, 'name', page_language)}</a></li>\n"
        f'    <li><a href="{escape(group.get_absolute_url())}" aria-current="page">'
        f"{_text(group, 'name', page_language)}</a></li>\n"
        "    \n"
        "  </ol>\n"
        "</nav>\n"
    )


def count_texts(counts: dict[str, int]) -> dict[str, str]:
    """The group page's counts in words, as its ``{% blocktranslate count %}`` wrote them
    (the translation as it is, the number localized): a template tag each cost ~150 calls."""

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


# The group page's other addresses of the group: ``reverse_cached`` instead of ``{% url %}``.
_GROUP_PAGE_LINKS = {
    "rss": "news:group_feed_rss",
    "atom": "news:group_feed_atom",
    "ical": "programme:group_meetings_ical",
    "discussions": "discussions:group",
}


def group_page_links(group) -> dict[str, str]:
    """The group page's links to the group's feeds, discussions, timeline and questions."""
    programme_slug, slug = group.programme.slug, group.slug
    links = {
        key: reverse_cached(viewname, programme_slug=programme_slug, slug=slug)
        for key, viewname in _GROUP_PAGE_LINKS.items()
    }
    links["timeline"] = reverse_cached("programme:timeline", slug=programme_slug)
    links["ask"] = reverse_cached("questions:ask")
    return links


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
    page_language = current_language()
    group, can_edit = context["group"], context["can_edit"]
    counts, texts = context["counts"], context["count_texts"]
    urls, links = context["list_urls"], context["links"]
    edit = (group.programme.slug, group.slug) if can_edit else None
    out = '<div class="two-columns">\n<div>\n'
    if group.mandate:
        mandate = gettext("Mandate")
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
        gettext("Tasks"),
        gettext("Add a task"),
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
        gettext("Goals"),
        gettext("Add a goal"),
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
        gettext("Composition"),
        "programme:membership_create",
        gettext("Add a member"),
        edit,
    )
    members = context["members"]
    actions = ""
    if can_edit:
        actions_label = gettext("Actions")
        actions = f'<th scope="col"><span class="visually-hidden">{actions_label}</span></th>'
    if members:
        n = len(members)
        caption = ngettext("%(group)s: %(counter)s member", "%(group)s: %(counter)s members", n) % {
            "group": escape(group.name),
            "counter": localize(n),
        }
        member, role = gettext("Member"), gettext("Role")
        organisation, term = gettext("Organisation represented"), gettext("Term")
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
        no_members = gettext("No members have been recorded.")
        out += f"  \n  <p>{no_members}</p>\n  \n"
    out += "</section>\n\n"
    # Meetings.
    ical = ""
    if group.visibility == "public":
        subscribe = gettext("Subscribe to the public meetings (iCal)")
        ical = f'<p><a href="{escape(links["ical"])}">{subscribe}</a></p>'
    upcoming_count = f", {texts['upcoming']}" if counts["upcoming_count"] else ""
    upcoming = context["upcoming_cards"]
    if not context["upcoming_meetings"]:
        no_upcoming = gettext("No upcoming meetings.")
        upcoming = f"<p>{no_upcoming}</p>"
    past = context["past_cards"]
    if not context["past_meetings"]:
        no_past = gettext("No past meetings.")
        past = f"<p>{no_past}</p>"
    all_meetings = (
        f'<p class="more-link"><a href="{escape(urls["meetings"])}">{texts["meetings_all"]}</a></p>'
        if counts["meeting_count"]
        else ""
    )
    upcoming_label, past_label = gettext("Upcoming meetings"), gettext("Recent past meetings")
    out += _section_start(
        "meetings", gettext("Meetings"), "programme:meeting_create", gettext("Add a meeting"), edit
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
        gettext("Milestones"),
        "programme:milestone_create",
        gettext("Add a milestone"),
        edit,
    )
    out += f"  {summary}\n"
    if context["milestones"]:
        caption = gettext("Next open milestones and deadlines of %(group)s") % {
            "group": escape(group.name)
        }
        milestone, due = gettext("Milestone"), gettext("Due date")
        status = gettext("Status")
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
        no_open = gettext("No open milestones.")
        out += f"  \n  <p>{no_open}</p>\n  \n"
    else:
        no_milestones = gettext("No milestones have been published.")
        out += f"  \n  <p>{no_milestones}</p>\n  \n"
    timeline = ""
    if milestone_count:
        on_timeline = gettext("All milestones of the group on the timeline")
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
        no_memos = gettext("No memos have been published.")
        listed = f"\n  <p>{no_memos}</p>\n  "
    all_memos = (
        f'<p class="more-link"><a href="{escape(urls["memos"])}">{texts["memos_all"]}</a></p>'
        if memo_count > len(memos)
        else ""
    )
    out += _section_start(
        "memos",
        gettext("Memos and decisions"),
        "programme:memo_create",
        gettext("Add a memo"),
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
    threads = gettext("The group's discussion threads")
    discussions, questions = gettext("Discussions"), gettext("Questions")
    ask = gettext("Ask this group a question")
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
