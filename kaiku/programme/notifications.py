"""What the programme tells the people who follow a programme or a working group."""

from __future__ import annotations

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

MEETING_CREATED = "meeting_created"
MEETING_CHANGED = "meeting_changed"
MEMO_PUBLISHED = "memo_published"
MILESTONE_CREATED = "milestone_created"
MILESTONE_CHANGED = "milestone_changed"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_followable, register_kind

    from .models import Programme, WorkingGroup

    register_kind(MEETING_CREATED, _("New meeting"))
    register_kind(MEETING_CHANGED, _("Meeting time changed"))
    register_kind(MEMO_PUBLISHED, _("Memo published"))
    register_kind(MILESTONE_CREATED, _("New milestone"))
    register_kind(MILESTONE_CHANGED, _("Milestone changed"))
    register_followable(Programme)
    register_followable(WorkingGroup)


def notify_item(kind: str, item: Model, *, actor) -> None:
    """After the caller's transaction commits, tell the followers of the item's group and
    programme who may see the item."""
    from kaiku.notifications.services import notify_on_commit

    group = item.group
    notify_on_commit(
        kind=kind,
        about=item,
        followed=[group, group.programme],
        actor=actor,
        title=item.title,
        context=group.name,
    )
