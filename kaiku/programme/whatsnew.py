"""The front page's "What is new": newest published memos and upcoming meetings the viewer
may see. Two queries, whatever the amount of content."""

from __future__ import annotations

from functools import partial

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import published_q, visible_q
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import pick_value, translated_columns, wrap
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors
from .models import Meeting, Memo, WorkingGroup


def with_group(group_name: str, title: str) -> str:
    """The title prefixed with its group, unless the title already names the group
    ("Ohjausryhmän kokous" of "Ohjausryhmä")."""
    if group_name.casefold() in title.casefold():
        return title
    return f"{group_name}: {title}"


def marked_title(row: dict, model) -> SafeString:
    """``with_group`` for a page, from a row of ``_values``: each part in the page's language
    where it has one, and a Finnish fallback marked ``lang="fi"`` (the group's name may be
    Swedish and the title not)."""
    group_name, group_language = pick_value(row, WorkingGroup, "name", prefix="group__")
    title, title_language = pick_value(row, model, "title")
    if with_group(group_name, title) == title:
        return wrap(title, title_language)
    return format_html("{}: {}", wrap(group_name, group_language), wrap(title, title_language))


def _values(queryset, model, date_field: str):
    """Plain values of what an item's title and address need: its title, its group's name
    and slug and the programme's slug (no model instances: most rows do not make the cut)."""
    return queryset.values(
        "pk",
        date_field,
        "group__slug",
        "group__programme__slug",
        *translated_columns(model, "title"),
        *(f"group__{column}" for column in translated_columns(WorkingGroup, "name")),
    )


def _url(row: dict, anchor: str) -> str:
    programme, group = row["group__programme__slug"], row["group__slug"]
    url = reverse_cached("programme:group_detail", programme_slug=programme, slug=group)
    return f"{url}#{anchor}-{row['pk']}"


def _memos(viewer, *, now, limit: int):
    """``selectors.memo_list``'s first rows."""
    memos = Memo.objects.filter(visible_q(Memo, viewer), published_q(now=now))
    return _values(memos.order_by("-published_at", "-pk"), Memo, "published_at")[:limit]


def _meetings(viewer, *, now, limit: int):
    meetings = selectors.meeting_list(viewer=viewer).filter(starts_at__gte=now)
    return _values(meetings.exclude(status="cancelled"), Meeting, "starts_at")[:limit]


def programme_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    now = timezone.now()
    memos = for_viewer(viewer, _memos, shape={"limit": limit}, now=now)
    meetings = for_viewer(viewer, _meetings, shape={"limit": limit}, now=now)
    items = [
        WhatsNewItem(
            title=partial(marked_title, memo, Memo),
            url=partial(_url, memo, "memo"),
            date=memo["published_at"],
            kind=_("Memo"),
        )
        for memo in memos
    ]
    items += [
        WhatsNewItem(
            title=partial(marked_title, meeting, Meeting),
            url=partial(_url, meeting, "meeting"),
            date=meeting["starts_at"],
            kind=_("Upcoming meeting"),
        )
        for meeting in meetings
    ]
    return items
