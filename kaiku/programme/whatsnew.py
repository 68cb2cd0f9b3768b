"""The front page's "What is new": newest published memos and upcoming meetings the viewer
may see. Two queries, whatever the amount of content."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kaiku.core.whatsnew import WhatsNewItem

from . import selectors


def programme_items(*, viewer, limit: int) -> list[WhatsNewItem]:
    memos = selectors.memo_list(viewer=viewer)[:limit]
    meetings = selectors.upcoming_meetings(viewer=viewer, limit=limit)
    items = [
        WhatsNewItem(
            title=f"{memo.group.name}: {memo.title}",
            url=memo.get_absolute_url(),
            date=memo.published_at,
            kind=_("Memo"),
        )
        for memo in memos
    ]
    items += [
        WhatsNewItem(
            title=f"{meeting.group.name}: {meeting.title}",
            url=meeting.get_absolute_url(),
            date=meeting.starts_at,
            kind=_("Upcoming meeting"),
        )
        for meeting in meetings
    ]
    return items
