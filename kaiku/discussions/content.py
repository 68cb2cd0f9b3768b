"""The discussions' part of the content layer (``kaiku.core.content``).

A discussion has its own ``visibility``, scoped to its working group (members-only
discussions are for the group's members) and never more visible than the group: the
services clamp it when it is written and when the group changes (``signals.py``).

A comment carries a copy of its target's effective audience (``visibility`` and ``group``,
``commentables.target_audience``), so ``Comment.objects.visible_to(viewer)`` and
``visible_q(Comment, viewer)`` need no knowledge of the target's model. Pages and the API
also check the target itself (``commentables.comments_visible_q``), which covers what the
copy cannot see: a news item taken back to a draft, a deleted meeting.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Audience, register_audience
from kaiku.programme.content import WORKING_GROUP


def register_content() -> None:
    from .models import Comment, Discussion

    register_audience(
        Discussion,
        Audience(
            scope=WORKING_GROUP,
            scope_path="group",
            hidden_label=_("a discussion you can no longer see"),
        ),
    )
    register_audience(
        Comment,
        Audience(
            scope=WORKING_GROUP,
            scope_path="group",
            hidden_label=_("a comment you can no longer see"),
        ),
    )
