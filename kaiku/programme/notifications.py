"""What the programme tells the people who follow a programme or a working group."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

MEETING_CREATED = "meeting_created"
MEETING_CHANGED = "meeting_changed"
MEMO_PUBLISHED = "memo_published"
MILESTONE_CREATED = "milestone_created"
MILESTONE_CHANGED = "milestone_changed"

# Meetings are held in Finland; a notification's context is stored text, read later in the
# recipient's language, so times are written with numbers only (d.m.yyyy HH.MM), which read
# the same in Finnish, Swedish and English.
MEETING_TIME_ZONE = ZoneInfo("Europe/Helsinki")
CONTEXT_LENGTH = 300  # Notification.context
SEPARATOR = " · "


def register_notifications() -> None:
    from kaiku.notifications.registry import register_followable, register_kind

    from .models import Programme, WorkingGroup

    register_kind(MEETING_CREATED, _("New meeting"))
    register_kind(MEETING_CHANGED, _("Meeting time changed"))
    register_kind(MEMO_PUBLISHED, _("Memo published"))
    register_kind(MILESTONE_CREATED, _("New milestone"))
    register_kind(MILESTONE_CHANGED, _("Milestone changed"))
    register_followable(Programme)
    register_followable(WorkingGroup, related=("programme",))


def _moment(value: datetime.datetime) -> str:
    local = value.astimezone(MEETING_TIME_ZONE)
    return f"{local.day}.{local.month}.{local.year} {local.hour}.{local.minute:02d}"


def meeting_span(starts_at: datetime.datetime, ends_at: datetime.datetime | None) -> str:
    """``13.1.2023 13.00``, ``13.1.2023 13.00–15.00`` or, across days,
    ``13.1.2023 13.00–14.1.2023 12.00`` (Helsinki time)."""
    text = _moment(starts_at)
    if ends_at is None:
        return text
    start, end = starts_at.astimezone(MEETING_TIME_ZONE), ends_at.astimezone(MEETING_TIME_ZONE)
    if start.date() == end.date():
        return f"{text}–{end.hour}.{end.minute:02d}"
    return f"{text}–{_moment(ends_at)}"


def meeting_time_change(before: tuple, after: tuple) -> str:
    """``old span → new span``; ``before`` and ``after`` are ``(starts_at, ends_at)``."""
    return f"{meeting_span(*before)} → {meeting_span(*after)}"


def notify_item(kind: str, item: Model, *, actor, detail: str = "") -> None:
    """After the caller's transaction commits, tell the followers of the item's group and
    programme who may see the item. ``detail`` (language-neutral text, e.g. a time change)
    follows the group's name in the notification's context."""
    from kaiku.notifications.services import notify_on_commit

    group = item.group
    context = group.name
    if detail:
        limit = CONTEXT_LENGTH - len(detail) - len(SEPARATOR)
        context = f"{group.name[: max(limit, 0)]}{SEPARATOR}{detail}"[:CONTEXT_LENGTH]
    notify_on_commit(
        kind=kind,
        about=item,
        followed=[group, group.programme],
        actor=actor,
        title=item.title,
        context=context,
    )
