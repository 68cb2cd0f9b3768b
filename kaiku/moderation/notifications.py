"""What moderation tells the author of hidden or restored content: the decision and its
reason, in their notifications (and by email when they want email at once)."""

from __future__ import annotations

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from kaiku.core.moderation import moderation_of

HIDDEN = "content_hidden"
RESTORED = "content_restored"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_kind

    register_kind(HIDDEN, _("Your post was hidden"))
    register_kind(RESTORED, _("Your post is visible again"))


def tell_author(obj, *, kind: str, reason: str, author=None, actor=None) -> None:
    """One notification to the author of ``obj`` (never to the moderator themself), created
    in the caller's transaction so that it commits or rolls back with the decision."""
    from django.contrib.auth import get_user_model

    from kaiku.core.moderation import author_id_of
    from kaiku.notifications.services import notify_people

    if author is None:
        author_id = author_id_of(obj)
        author = (
            get_user_model()._default_manager.filter(pk=author_id).first() if author_id else None
        )
    moderated = moderation_of(type(obj))
    title = (moderated.excerpt(obj) if moderated else "") or str(obj)
    notify_people(
        kind=kind,
        about=obj,
        people=[author],
        actor=actor,
        title=Truncator(title).chars(300),
        context=Truncator(reason).chars(300),
    )
