"""The programme's part of the content layer (``kaiku.core.content``).

A working group is a scope: ``members`` content of a group is for its current members. Every
item a group publishes is also never more visible than the group itself.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kaiku.core.content import PUBLIC, Audience, register_audience, register_scope

WORKING_GROUP = "programme.working_group"


def _member_group_ids(viewer):
    from .selectors import member_group_ids

    return member_group_ids(viewer)


def register_content() -> None:
    from .models import (
        GroupDocument,
        GroupGoal,
        GroupTask,
        Meeting,
        Memo,
        Milestone,
        Programme,
        WorkingGroup,
    )

    register_scope(WORKING_GROUP, _member_group_ids)
    # Programmes are public: everyone sees every programme (not every group in it).
    register_audience(Programme, PUBLIC)
    register_audience(
        WorkingGroup,
        Audience(
            scope=WORKING_GROUP,
            scope_path="pk",
            hidden_label=_("a working group you can no longer see"),
        ),
    )
    for model, label in [
        (Meeting, _("a meeting you can no longer see")),
        (Memo, _("a memo you can no longer see")),
        (Milestone, _("a milestone you can no longer see")),
        (GroupDocument, _("a document you can no longer see")),
    ]:
        register_audience(
            model,
            Audience(scope=WORKING_GROUP, scope_path="group", within="group", hidden_label=label),
        )
    # Tasks and goals have no visibility of their own: they are as visible as their group.
    for model in (GroupTask, GroupGoal):
        register_audience(model, Audience(within="group", visibility_field=None))
