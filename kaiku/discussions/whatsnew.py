"""The front page's "What is new": the latest discussions the viewer may see. One query."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _

from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.whatsnew import WhatsNewItem

from . import selectors
from .models import Discussion


def _rows(viewer, *, limit: int):
    rows = Discussion.objects.filter(selectors.discussion_q(viewer)).order_by("-created", "-pk")
    return rows.values("pk", "title", "created")[:limit]


def new_discussions(*, viewer, limit: int) -> list[WhatsNewItem]:
    return [
        WhatsNewItem(
            title=discussion["title"],
            url=partial(reverse_cached, "discussions:detail", pk=discussion["pk"]),
            date=discussion["created"],
            kind=_("New discussion"),
        )
        for discussion in for_viewer(viewer, _rows, shape={"limit": limit})
    ]
