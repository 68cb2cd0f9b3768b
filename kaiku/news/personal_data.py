"""This app's entry in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _export(user) -> dict:
    return {
        "contact_for": [item.title for item in user.news_contact_for.order_by("pk")],
        "authored": [
            {
                "title": item.title,
                "publish_at": item.publish_at.isoformat() if item.publish_at else None,
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
        note="News items the person wrote or is a contact person of; the items stay, the "
        "links to the person are removed with the account.",
    )
