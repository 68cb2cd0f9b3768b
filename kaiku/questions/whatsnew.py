"""The front page's "What is new": newly answered questions the viewer may see. One query."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kaiku.core.whatsnew import WhatsNewItem

from . import selectors


def answered_questions(*, viewer, limit: int) -> list[WhatsNewItem]:
    return [
        WhatsNewItem(
            title=question.title,
            url=question.get_absolute_url,
            date=question.answered_at,
            kind=_("Question answered"),
        )
        for question in selectors.newly_answered(viewer=viewer, limit=limit).only(
            "title", "answered_at"
        )
    ]
