"""Keep the audience copied on comments (and discussions' clamp) in step with their targets.

A target's visibility is changed by its own app's services, which know nothing of comments:
after any save of a commentable object that may have changed its visibility, its comments
copy the audience again (``services.sync_target_audience``). A working group's change also
reaches the discussions and meetings in it and their comments.
"""

from __future__ import annotations

from django.db.models.signals import post_save


def _visibility_may_have_changed(kwargs) -> bool:
    fields = kwargs.get("update_fields")
    return not kwargs.get("raw") and (fields is None or "visibility" in fields)


def _target_saved(sender, instance, created, **kwargs) -> None:
    if created or not _visibility_may_have_changed(kwargs):
        return
    from .services import sync_target_audience

    sync_target_audience(instance)


def _group_saved(sender, instance, created, **kwargs) -> None:
    if created or not _visibility_may_have_changed(kwargs):
        return
    from kaiku.programme.models import Meeting

    from .models import Discussion
    from .services import clamp_visibility, sync_target_audience

    sync_target_audience(instance)
    for discussion in Discussion.objects.filter(group=instance):
        clamped = clamp_visibility(discussion.visibility, instance)
        if clamped != discussion.visibility:
            Discussion.objects.filter(pk=discussion.pk).update(visibility=clamped)
            discussion.visibility = clamped
        sync_target_audience(discussion)
    for meeting in Meeting.all_objects.filter(group=instance):
        sync_target_audience(meeting)


def connect() -> None:
    from kaiku.programme.models import WorkingGroup

    from .commentables import commentables

    for label, spec in commentables().items():
        if label == "programme.workinggroup":
            continue
        post_save.connect(_target_saved, sender=spec.model, dispatch_uid=f"comments-{label}")
    post_save.connect(_group_saved, sender=WorkingGroup, dispatch_uid="comments-group")
