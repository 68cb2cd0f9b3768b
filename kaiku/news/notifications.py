"""What the news tells the people who follow its programme, a related group or a keyword."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NEWS_PUBLISHED = "news_published"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_followable, register_kind

    from .models import Keyword

    register_kind(NEWS_PUBLISHED, _("News published"))
    register_followable(Keyword, prefix=_("Keyword"))


def announce(item, *, actor, in_transaction: bool = False) -> None:
    """After the caller's transaction commits, tell the followers of the item's programme,
    of its related groups and of its keywords (only once it is published: drafts and
    scheduled items are announced by ``services.news_announce_due`` when their time comes).
    ``in_transaction`` creates the notifications at once, in the caller's transaction, so that
    they commit (or roll back) together with the caller's claim on the item."""
    from kaiku.notifications.services import notify, notify_on_commit

    if not item.is_published:
        return
    (notify if in_transaction else notify_on_commit)(
        kind=NEWS_PUBLISHED,
        about=item,
        followed=[item.programme, *item.related_groups.all(), *item.keywords.all()],
        actor=actor,
    )
