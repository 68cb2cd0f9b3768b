"""The front page's "What is new": newly answered questions the viewer may see. One query."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _

from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors


def _rows(viewer, *, limit: int):
    return selectors.newly_answered(viewer=viewer, limit=limit).values("pk", "title", "answered_at")


def answered_questions(*, viewer, limit: int) -> list[WhatsNewItem]:
    return [
        WhatsNewItem(
            title=question["title"],
            url=partial(reverse_cached, "questions:detail", pk=question["pk"]),
            date=question["answered_at"],
            kind=_("Question answered"),
        )
        for question in for_viewer(viewer, _rows, shape={"limit": limit})
    ]
