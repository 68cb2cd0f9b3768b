"""The front page's "What is new": newest published memos and upcoming meetings the viewer
may see. Two queries, whatever the amount of content."""

from __future__ import annotations

from functools import partial

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kaiku.core.translations import pick, translated_columns, wrap
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors
from .models import Meeting, Memo, WorkingGroup


def with_group(group_name: str, title: str) -> str:
    """The title prefixed with its group, unless the title already names the group
    ("Ohjausryhmän kokous" of "Ohjausryhmä")."""
    if group_name.casefold() in title.casefold():
        return title
    return f"{group_name}: {title}"


def marked_title(item) -> SafeString:
    """``with_group`` for a page: each part in the page's language where it has one, and a
    Finnish fallback marked ``lang="fi"`` (the group's name may be Swedish and the title not)."""
    group_name, group_language = pick(item.group, "name")
    title, title_language = pick(item, "title")
    if with_group(group_name, title) == title:
        return wrap(title, title_language)
    return format_html("{}: {}", wrap(group_name, group_language), wrap(title, title_language))


def _columns(model) -> list[str]:
    """What an item's title and address need: its title, its group's name and slug and the
    programme's slug (the rest of three wide rows is never read)."""
    return [
        "pk",
        "group",
        "group__slug",
        "group__programme",
        "group__programme__slug",
        *translated_columns(model, "title"),
        *(f"group__{column}" for column in translated_columns(WorkingGroup, "name")),
    ]


def programme_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    memos = (
        selectors.memo_list(viewer=viewer)
        .select_related(None)
        .select_related("group__programme")
        .only("published_at", *_columns(Memo))[:limit]
    )
    meetings = (
        selectors.meeting_list(viewer=viewer)
        .filter(starts_at__gte=timezone.now())
        .exclude(status="cancelled")
        .only("starts_at", *_columns(Meeting))[:limit]
    )
    items = [
        WhatsNewItem(
            title=partial(marked_title, memo),
            url=memo.get_absolute_url,
            date=memo.published_at,
            kind=_("Memo"),
        )
        for memo in memos
    ]
    items += [
        WhatsNewItem(
            title=partial(marked_title, meeting),
            url=meeting.get_absolute_url,
            date=meeting.starts_at,
            kind=_("Upcoming meeting"),
        )
        for meeting in meetings
    ]
    return items
