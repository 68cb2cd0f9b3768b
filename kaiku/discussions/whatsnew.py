"""The front page's "What is new": the latest discussions the viewer may see. One query."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _

from kaiku.core.links import reverse_cached
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors


def new_discussions(*, viewer, limit: int) -> list[WhatsNewItem]:
    return [
        WhatsNewItem(
            title=discussion["title"],
            url=partial(reverse_cached, "discussions:detail", pk=discussion["pk"]),
            date=discussion["created"],
            kind=_("New discussion"),
        )
        for discussion in selectors.latest_discussions(viewer=viewer, limit=limit)
    ]
