"""The front page's "What is new": newest published memos and upcoming meetings the viewer
may see. Two queries, whatever the amount of content."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kaiku.core.whatsnew import WhatsNewItem

from . import selectors


def with_group(group_name: str, title: str) -> str:
    """The title prefixed with its group, unless the title already names the group
    ("Ohjausryhmän kokous" of "Ohjausryhmä")."""
    if group_name.casefold() in title.casefold():
        return title
    return f"{group_name}: {title}"


def programme_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    memos = selectors.memo_list(viewer=viewer)[:limit]
    meetings = selectors.upcoming_meetings(viewer=viewer, limit=limit)
    items = [
        WhatsNewItem(
            title=with_group(memo.group.name, memo.title),
            url=memo.get_absolute_url(),
            date=memo.published_at,
            kind=_("Memo"),
        )
        for memo in memos
    ]
    items += [
        WhatsNewItem(
            title=with_group(meeting.group.name, meeting.title),
            url=meeting.get_absolute_url(),
            date=meeting.starts_at,
            kind=_("Upcoming meeting"),
        )
        for meeting in meetings
    ]
    return items
