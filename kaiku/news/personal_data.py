"""This app's entry in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _contact_for(user):
    """The items naming the person as a contact that the person may see: a draft or a
    scheduled item is not theirs to read unless they wrote it or manage news."""
    from django.db.models import Q

    from kaiku.core.content import published_q, visible_q

    from .models import NewsItem
    from .rules import can_manage_news

    items = user.news_contact_for.all()
    if not can_manage_news(user):
        items = items.filter((published_q() & visible_q(NewsItem, user)) | Q(author=user))
    return items.order_by("pk")


def _export(user) -> dict:
    return {
        "contact_for": [item.title for item in _contact_for(user)],
        "authored": [
            {
                "title": item.title,
                "published_at": item.published_at.isoformat() if item.published_at else None,
            }
            for item in user.authored_news.order_by("pk")
        ],
    }


def _remove(user) -> None:
    user.news_contact_for.clear()
    # The texts are the organisation's publications: they stay, without their author.
    user.authored_news.update(author=None)


def register_personal_data() -> None:
    register(
        "news.newsitem",
        export=_export,
        remove=_remove,
        note="News items the person wrote or is a contact person of (only the ones the person "
        "may see); the items stay, the links to the person are removed with the account.",
    )
