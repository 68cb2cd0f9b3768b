"""The programme's panels on a signed-in person's front page (``kaiku.core.home``): their
working groups with their roles and what is new in them, their upcoming meetings, and "Add a
meeting" for the groups they chair or are secretary of."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaiku.core.content import Visibility, published_q, visible_q
from kaiku.core.escaping import escape_text
from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import current_language, pick, translated_columns

from .models import (
    EDITOR_ROLES,
    GroupDocument,
    Meeting,
    MeetingStatus,
    Membership,
    Memo,
    Programme,
    WorkingGroup,
)
from .selectors import current_membership_q, role_rank


def _groups(request: HttpRequest) -> list[WorkingGroup]:
    """The person's groups, read once per request (the panels and the actions share them)."""
    if not hasattr(request, "_home_groups"):
        request._home_groups = _groups_of(request.user)
    return request._home_groups


def _seats(viewer) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            current_membership_q(),
            visible_q(WorkingGroup, viewer, prefix="group__"),
            person_id=viewer.pk,
        )
        .select_related("group", "group__programme")
        .only("role", "group_id", *_GROUP_COLUMNS)
        .order_by("group__programme__name", "group__order", "group__name", role_rank(), "pk")
    )


def _groups_of(person) -> list[WorkingGroup]:
    """The groups ``person`` currently sits in, with the columns the panels show: the
    group's and its programme's names and slugs and the group's visibility (one kept query,
    ``kaiku.core.prepared``), each group with ``my_roles`` and ``may_edit``."""
    groups: dict[int, WorkingGroup] = {}
    for seat in for_viewer(person, _seats):
        group = groups.setdefault(seat.group_id, seat.group)
        if not hasattr(group, "my_roles"):
            group.my_roles, group.may_edit = [], False
        group.my_roles.append(seat.get_role_display())
        group.may_edit = group.may_edit or seat.role in EDITOR_ROLES
    return list(groups.values())


_GROUP_COLUMNS = [
    "group__slug",
    "group__visibility",
    "group__programme__slug",
    *(f"group__{c}" for c in ["name", *translated_columns(WorkingGroup, "name")]),
    *(f"group__programme__{c}" for c in ["name", *translated_columns(Programme, "name")]),
]


def _new_memos(viewer, *, limit: int, groups: list[int], now) -> QuerySet[Memo]:
    return (
        Memo.objects.filter(visible_q(Memo, viewer), published_q(now=now), group__in=groups)
        .only("pk", "group_id", "published_at", *translated_columns(Memo, "title"))
        .order_by("-published_at", "-pk")[:limit]
    )


def _new_documents(viewer, *, limit: int, groups: list[int]) -> QuerySet[GroupDocument]:
    return (
        GroupDocument.objects.filter(
            visible_q(GroupDocument, viewer), group__in=groups, removed_at__isnull=True
        )
        .only("pk", "group_id", "created", "title")
        .order_by("-created", "-pk")[:limit]
    )


def _new_in_groups(viewer, groups: list[WorkingGroup], limit: int = 5) -> list[dict[str, Any]]:
    """The latest that ``groups`` published, with the columns the panel shows: memos and
    documents of ``groups`` that ``viewer`` may see (two kept queries), each item's group
    the loaded one (no join to read it again)."""
    if not groups:
        return []
    by_id = {group.pk: group for group in groups}
    ids = list(by_id)
    shape = {"limit": limit}
    memos = for_viewer(viewer, _new_memos, shape=shape, groups=ids, now=timezone.now())
    documents = for_viewer(viewer, _new_documents, shape=shape, groups=ids)
    rows = []
    for kind, items, date in (("memo", memos, "published_at"), ("document", documents, "created")):
        for item in items:
            item.group = group = by_id[item.group_id]
            rows.append({"kind": kind, "item": item, "group": group, "date": getattr(item, date)})
    rows.sort(key=lambda row: row["date"], reverse=True)
    return rows[:limit]


def _next_meetings(viewer, *, limit: int, groups: list[int], now) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(visible_q(Meeting, viewer), group__in=groups, starts_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .only(
            "pk",
            "group_id",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            *translated_columns(Meeting, "title"),
        )
        .order_by("starts_at", "pk")[:limit]
    )


def _upcoming_meetings(person, groups: list[WorkingGroup], limit: int = 5) -> list[Meeting]:
    """The person's upcoming meetings, with the columns the panel shows: the next meetings
    of the person's groups that they may see (one kept query; a meeting is seen only within
    its visible group, so the groups read already are those to look in)."""
    if not groups:
        return []
    by_id = {group.pk: group for group in groups}
    meetings = for_viewer(
        person, _next_meetings, shape={"limit": limit}, groups=list(by_id), now=timezone.now()
    )
    for meeting in meetings:
        meeting.group = by_id[meeting.group_id]
    return meetings


# The panels' repeated markup written in Python, as the templates' loops wrote it (a template
# loop costs ~100 Python calls per row): every text escaped, each official text as
# ``{% translated %}`` writes it (``lang`` on a fallback).


def _group_url(group: WorkingGroup) -> str:
    """The group's escaped address, reversed once per request (the groups are shared by the
    panels)."""
    url = group.__dict__.get("_home_url")
    if url is None:
        url = group._home_url = escape_text(group.get_absolute_url())
    return url


def _translated(obj, field: str, page: str) -> SafeString:
    """``{% translated obj field %}`` on a page in ``page`` (``current_language()``, read
    once per panel): the text escaped, in ``<span lang>`` when it falls back."""
    text, language = pick(obj, field, page)
    if language and language != page:
        return f'<span lang="{language}">{escape_text(text)}</span>'  # a code of settings.LANGUAGES
    return escape_text(text)


def _dates(when: datetime.datetime, zone) -> tuple[datetime.datetime, str]:
    """``when`` (aware, from the database) in the page's time zone ``zone`` and its
    ``date:'c'`` text."""
    when = when.astimezone(zone)
    return when, when.isoformat()  # digits, "-", ":", "+", "T", ".": nothing to escape


def group_rows(groups: Iterable[WorkingGroup]) -> SafeString:
    """The ``<li>`` of the person's groups: the group, their roles in it, its programme."""
    page = current_language()
    parts = []
    for group in groups:
        roles = " ".join(
            f'<span class="badge">{escape_text(role)}</span>' for role in group.my_roles
        )
        parts.append(
            f'\n    <li><a href="{_group_url(group)}">'
            f"{_translated(group, 'name', page)}</a>\n"
            f'      <span class="home-roles">{roles}</span>\n'
            f'      <span class="muted home-meta">{_translated(group.programme, "name", page)}'
            "</span></li>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def new_item_rows(rows: Iterable[dict[str, Any]]) -> SafeString:
    """The ``<li>`` of "Latest in your groups" (``_new_in_groups``' rows)."""
    # The template's literals are safe strings: their translations are not escaped.
    kinds = {"memo": _(mark_safe("Memo")), "document": _(mark_safe("Document"))}  # noqa: S308
    zone = timezone.get_current_timezone()
    page = current_language()
    parts = []
    for row in rows:
        when, iso = _dates(row["date"], zone)
        if row["kind"] == "memo":  # Memo.get_absolute_url()
            url = f"{_group_url(row['group'])}#memo-{row['item'].pk}"
        else:
            url = escape_text(row["item"].get_absolute_url())
        parts.append(
            f'\n    <li><span class="badge">{kinds.get(row["kind"], kinds["document"])}</span>\n'
            f'      <a href="{url}">'
            f"{_translated(row['item'], 'title', page)}</a>\n"
            f'      <span class="muted home-meta">{_translated(row["group"], "name", page)}, '
            f'<time datetime="{iso}">{when.day}.{when.month}.{when.year}</time></span></li>\n  '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def meeting_rows(meetings: Iterable[Meeting]) -> SafeString:
    """The ``<li>`` of the person's upcoming meetings."""
    place, join = _(mark_safe("Place")), _(mark_safe("Join online"))  # noqa: S308
    zone = timezone.get_current_timezone()
    page = current_language()
    parts = []
    groups: dict[int, tuple[str, str]] = {}  # a group's address and name
    for meeting in meetings:
        group = groups.get(meeting.group_id)
        if group is None:
            group = groups[meeting.group_id] = (
                _group_url(meeting.group),
                _translated(meeting.group, "name", page),
            )
        title = _translated(meeting, "title", page)
        starts, iso = _dates(meeting.starts_at, zone)
        ends = ""
        if meeting.ends_at:
            end, end_iso = _dates(meeting.ends_at, zone)
            ends = f'–<time datetime="{end_iso}">{end.hour:02d}:{end.minute:02d}</time>'
        location = ""
        if meeting.location:
            location = (
                f'<span class="muted home-meta">{place}: {escape_text(meeting.location)}</span>'
            )
        online = ""
        if meeting.online_url:
            online = (
                f'<a class="home-meta" href="{escape_text(meeting.online_url)}"'
                f' rel="noopener noreferrer nofollow">{join}'
                f'<span class="visually-hidden">: {title}</span></a>'
            )
        parts.append(
            '\n    <li class="home-meeting">\n'
            # Meeting.get_absolute_url()
            f'      <a href="{group[0]}#meeting-{meeting.pk}">{title}</a>\n'
            f'      <span class="home-meta"><time datetime="{iso}">'
            f"{starts.day}.{starts.month}.{starts.year} {starts.hour:02d}:{starts.minute:02d}"
            f"</time>{ends}, {group[1]}</span>\n"
            f"      {location}\n"
            f"      {online}\n"
            "    </li>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def calendar_rows(calendars: Iterable[dict[str, Any]]) -> SafeString:
    """The ``<li>`` of "In your calendar": each public group's feed."""
    parts = [
        f'\n    <li><a href="{escape_text(calendar["url"])}">'
        + _("Calendar feed: %(group)s") % {"group": escape_text(calendar["group"].name)}
        + "</a></li>\n  "
        for calendar in calendars
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def groups_panel(request: HttpRequest) -> Panel:
    groups = _groups(request)
    return Panel(
        title=gettext_lazy("Your working groups"),
        template="programme/home/_groups.html",
        context={
            "groups": bool(groups),
            "group_rows": group_rows(groups),
            "new_items": new_item_rows(_new_in_groups(request.user, groups)),
        },
    )


def meetings_panel(request: HttpRequest) -> Panel:
    groups = _groups(request)
    # Calendar feeds carry no session: they list what anyone may see, so only the feeds of
    # public groups are offered.
    calendars = [
        {
            "group": group,
            "url": reverse_cached(
                "programme:group_meetings_ical",
                programme_slug=group.programme.slug,
                slug=group.slug,
            ),
        }
        for group in groups
        if group.visibility == Visibility.PUBLIC
    ]
    return Panel(
        title=gettext_lazy("Your upcoming meetings"),
        template="programme/home/_meetings.html",
        context={
            "meetings": meeting_rows(_upcoming_meetings(request.user, groups)),
            "calendars": calendar_rows(calendars),
            "has_groups": bool(groups),
        },
    )


def meeting_actions(request: HttpRequest) -> list[HomeAction]:
    """ "Add a meeting" in each group the person may edit (chair, secretary)."""
    return [
        HomeAction(
            label=_("Add a meeting: %(group)s") % {"group": group.name},
            url=reverse_cached(
                "programme:meeting_create", programme_slug=group.programme.slug, slug=group.slug
            ),
            order=20,
        )
        for group in _groups(request)
        if group.may_edit
    ]


def register_home() -> None:
    register(HomePanel("groups", groups_panel, order=20))
    register(HomePanel("meetings", meetings_panel, order=30))
    register_actions(meeting_actions)
