"""What moderation tells the author of hidden or restored content: the decision and its
reason, in their notifications (and by email when they want email at once)."""

from __future__ import annotations

from django.db import transaction
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
    from django.contrib.contenttypes.models import ContentType

    from kaiku.core.moderation import author_id_of
    from kaiku.notifications.models import Notification
    from kaiku.notifications.tasks import send_notification_email

    author_id = author.pk if author is not None else author_id_of(obj)
    if author_id is None or author_id == getattr(actor, "pk", None):
        return
    if not get_user_model()._default_manager.filter(pk=author_id, is_active=True).exists():
        return
    moderated = moderation_of(type(obj))
    title = moderated.excerpt(obj) if moderated else str(obj)
    notification = Notification.objects.create(
        user_id=author_id,
        kind=kind,
        title=Truncator(title or str(obj)).chars(300),
        context=Truncator(reason).chars(300),
        url=obj.get_absolute_url()[:500],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
    )
    # The sender checks the person's email frequency itself (digests pick the rest up).
    transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
