"""The front page's "What is new": newly published events the viewer may see. One query."""

from __future__ import annotations

from functools import partial

from django.utils import timezone
from django.utils.translation import gettext as _

from kaiku.core.content import published_q
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import pick_value, translated_columns
from kaiku.core.whatsnew import WhatsNewItem

from .models import Event


def _title(row: dict) -> str:
    return pick_value(row, Event, "title")[0]


def _rows(viewer, *, now, limit: int):
    return (
        Event.objects.visible_to(viewer)
        .filter(published_q(now=now), ends_at__gt=now, cancelled_at__isnull=True)
        .order_by("-published_at", "-pk")
        .values("pk", "published_at", *translated_columns(Event, "title"))[:limit]
    )


def new_events(*, viewer, limit: int) -> list[WhatsNewItem]:
    events = for_viewer(viewer, _rows, shape={"limit": limit}, now=timezone.now())
    return [
        WhatsNewItem(
            title=partial(_title, event),
            url=partial(reverse_cached, "events:detail", pk=event["pk"]),
            date=event["published_at"],
            kind=_("New event"),
        )
        for event in events
    ]
