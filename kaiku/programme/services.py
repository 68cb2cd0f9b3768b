"""Writes for working groups. The callers (views) check ``programme.change_workinggroup``
first; every function validates with ``full_clean`` inside a transaction, so invalid data is
never saved, whoever calls it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core import lifecycle
from kaiku.core.content import Visibility
from kaiku.core.translations import other_languages, translated
from kaiku.core.writes import model_update

from . import notifications, selectors
from .models import (
    GroupDocument,
    GroupGoal,
    GroupTask,
    Meeting,
    Membership,
    Memo,
    Milestone,
    WorkingGroup,
)
from .notifications import notify_item

# Official texts in every language (``title`` and ``title_fi``/``title_sv``/``title_en``).
MEETING_FIELDS = (
    *translated("title", "agenda"), "starts_at", "ends_at", "location", "online_url", "status",
    "visibility",
)  # fmt: skip
MILESTONE_FIELDS = (*translated("title"), "due_on", "status", "visibility")
MEMO_FIELDS = ("meeting", *translated("title", "body", "decisions"), "visibility")
ITEM_FIELDS = (*translated("title", "description"), "order")
MEMBERSHIP_FIELDS = ("role", "represents", "term_start", "term_end")


def _create(model: type[Model], *, group: WorkingGroup, data: dict[str, Any], allowed) -> Any:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields for {model.__name__}: {sorted(unknown)}")
    obj = model(group=group, **data)
    obj.full_clean()
    obj.save()
    return obj


def _update(obj: Model, *, data: dict[str, Any], allowed) -> Any:
    # Every given field is written: a ModelForm may already have put the values on ``obj``.
    return model_update(obj, data=data, allowed=allowed)[0]


# --- Meetings ----------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, actor, group: WorkingGroup, **data: Any) -> Meeting:
    """Add a meeting to ``group``. Raises ValidationError for invalid data (nothing saved)."""
    meeting = _create(Meeting, group=group, data=data, allowed=MEETING_FIELDS)
    notify_item(notifications.MEETING_CREATED, meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **data: Any) -> Meeting:
    """Change the given fields of ``meeting``. Raises ValidationError (nothing saved)."""
    before = Meeting.objects.filter(pk=meeting.pk).values_list("starts_at", "ends_at").first()
    meeting = _update(meeting, data=data, allowed=MEETING_FIELDS)
    after = (meeting.starts_at, meeting.ends_at)
    if before != after:
        detail = notifications.meeting_time_change(before, after) if before else ""
        notify_item(notifications.MEETING_CHANGED, meeting, actor=actor, detail=detail)
    return meeting


# --- Milestones --------------------------------------------------------------------------------


@transaction.atomic
def milestone_create(*, actor, group: WorkingGroup, **data: Any) -> Milestone:
    milestone = _create(Milestone, group=group, data=data, allowed=MILESTONE_FIELDS)
    notify_item(notifications.MILESTONE_CREATED, milestone, actor=actor)
    return milestone


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, **data: Any) -> Milestone:
    before = Milestone.objects.filter(pk=milestone.pk).values_list("status", "due_on").first()
    milestone = _update(milestone, data=data, allowed=MILESTONE_FIELDS)
    if before != (milestone.status, milestone.due_on):
        notify_item(notifications.MILESTONE_CHANGED, milestone, actor=actor)
    return milestone


# --- Memos -------------------------------------------------------------------------------------


@transaction.atomic
def memo_create(*, actor, group: WorkingGroup, publish: bool = False, **data: Any) -> Memo:
    """Add a memo (a draft unless ``publish``)."""
    memo = _create(Memo, group=group, data=data, allowed=MEMO_FIELDS)
    if publish:
        memo_publish(actor=actor, memo=memo)
    return memo


@transaction.atomic
def memo_update(*, actor, memo: Memo, **data: Any) -> Memo:
    """Change a memo (draft or published); publishing is separate (``memo_publish``)."""
    return _update(memo, data=data, allowed=MEMO_FIELDS)


@transaction.atomic
def memo_publish(*, actor, memo: Memo) -> Memo:
    """Publish a draft (or a scheduled) memo now; publishing again keeps the first date."""
    if memo.published_at is None or memo.published_at > timezone.now():
        memo.published_at = timezone.now()
        memo.save(update_fields=["published_at", "updated"])
        notify_item(notifications.MEMO_PUBLISHED, memo, actor=actor)
    return memo


# --- Tasks and goals ---------------------------------------------------------------------------


@transaction.atomic
def task_create(*, actor, group: WorkingGroup, **data: Any) -> GroupTask:
    return _create(GroupTask, group=group, data=data, allowed=ITEM_FIELDS)


@transaction.atomic
def task_update(*, actor, task: GroupTask, **data: Any) -> GroupTask:
    return _update(task, data=data, allowed=ITEM_FIELDS)


@transaction.atomic
def task_delete(*, actor, task: GroupTask, request=None) -> bool:
    """Soft delete: gone from every page and the API, restorable by an administrator."""
    return lifecycle.soft_delete(task, actor=actor, request=request)


@transaction.atomic
def goal_create(*, actor, group: WorkingGroup, **data: Any) -> GroupGoal:
    return _create(GroupGoal, group=group, data=data, allowed=ITEM_FIELDS)


@transaction.atomic
def goal_update(*, actor, goal: GroupGoal, **data: Any) -> GroupGoal:
    return _update(goal, data=data, allowed=ITEM_FIELDS)


@transaction.atomic
def goal_delete(*, actor, goal: GroupGoal, request=None) -> bool:
    """Soft delete: gone from every page and the API, restorable by an administrator."""
    return lifecycle.soft_delete(goal, actor=actor, request=request)


# --- The group itself and its composition ------------------------------------------------------


@transaction.atomic
def group_update(
    *, actor, group: WorkingGroup, visibility: str, contact_persons, **mandate: str
) -> WorkingGroup:
    """Change the mandate (``mandate_fi``, ``mandate_sv``, ``mandate_en``; a bare
    ``mandate`` is the active language's, via modeltranslation), the visibility and the
    contact persons, who must be current members of the group, and the name in the other
    languages (``name_sv``, ``name_en``). The Finnish name, slug, programme and parent group
    are kept in the admin."""
    contact_persons = list(contact_persons)
    allowed = set(
        selectors.group_contact_candidates(group=group)
        .filter(pk__in=[person.pk for person in contact_persons])
        .values_list("pk", flat=True)
    )
    if any(person.pk not in allowed for person in contact_persons):
        raise ValidationError(
            {"contact_persons": _("Contact persons must be current members of the group.")}
        )
    _update(
        group,
        data={**mandate, "visibility": visibility},
        allowed=(*translated("mandate"), *other_languages("name"), "visibility"),
    )
    group.contact_persons.set(contact_persons)
    return group


@transaction.atomic
def membership_create(*, actor, group: WorkingGroup, person, **data: Any) -> Membership:
    """Seat ``person`` in ``group``. The same person may hold several roles, each once."""
    unknown = set(data) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields for Membership: {sorted(unknown)}")
    membership = Membership(group=group, person=person, **data)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, actor, membership: Membership, **data: Any) -> Membership:
    return _update(membership, data=data, allowed=MEMBERSHIP_FIELDS)


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    membership.delete()


# --- Documents ---------------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "KAIKU_MAX_UPLOAD_MB", 20)) * 1024 * 1024


@transaction.atomic
def document_upload(
    *, group: WorkingGroup, actor, title: str, file, visibility: str = Visibility.PUBLIC
) -> GroupDocument:
    """Store ``file`` for ``group`` under a random name. The size is limited
    (``KAIKU_MAX_UPLOAD_MB``) and the type is read from the content, which must agree with
    the extension (documents.sniff). Raises ValidationError (nothing stored)."""
    from . import documents

    size = file.size
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            {
                "file": _("The file is too large (at most %(limit)s MB).")
                % {"limit": settings.KAIKU_MAX_UPLOAD_MB}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    original_name = documents.safe_file_name(file.name)
    try:
        content_type = documents.sniff(file, original_name)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    document = GroupDocument(
        group=group,
        title=title,
        original_name=original_name,
        content_type=content_type,
        size=size,
        visibility=visibility,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.full_clean(exclude=["file"])
    document.file.save(original_name, file, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def document_remove(*, actor, document: GroupDocument) -> GroupDocument:
    """Soft removal: hidden from the group page and the download, restorable in the admin."""
    if document.removed_at is None:
        document.removed_at = timezone.now()
        document.save(update_fields=["removed_at", "updated"])
    return document


@transaction.atomic
def document_restore(*, actor, document: GroupDocument) -> GroupDocument:
    if document.removed_at is not None:
        document.removed_at = None
        document.save(update_fields=["removed_at", "updated"])
    return document


# --- Lifecycle: unpublish, archive, delete (kaiku.core.lifecycle) ------------------------------


def item_delete(*, actor, item: Meeting | Memo | Milestone, request=None) -> bool:
    """Soft delete a meeting, memo or milestone: gone from the group page, the timeline, the
    calendars, the API and notifications; an administrator can restore it in the admin.
    False when it was already deleted (a second submit)."""
    return lifecycle.soft_delete(item, actor=actor, request=request)


def memo_unpublish(*, actor, memo: Memo, request=None) -> bool:
    """Take a published memo back to a draft (seen by the group's editors only)."""
    return lifecycle.unpublish(memo, actor=actor, request=request)


def group_archive(*, actor, group: WorkingGroup, request=None) -> bool:
    """The group's page stays readable, with an "archived" badge; the programme page lists
    it apart from the active groups."""
    return lifecycle.archive(group, actor=actor, request=request)


def group_unarchive(*, actor, group: WorkingGroup, request=None) -> bool:
    return lifecycle.unarchive(group, actor=actor, request=request)


def group_delete(*, actor, group: WorkingGroup, request=None) -> bool:
    """Soft delete the group and, with it, everything it published (the content layer hides
    what lies within a deleted group); restorable in the admin."""
    return lifecycle.soft_delete(group, actor=actor, request=request)
