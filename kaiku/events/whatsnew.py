"""The front page's "What is new": newly published events the viewer may see. One query."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from kaiku.core.content import published_q
from kaiku.core.translations import translated_columns
from kaiku.core.whatsnew import WhatsNewItem

from .models import Event


def new_events(*, viewer, limit: int) -> list[WhatsNewItem]:
    now = timezone.now()
    events = (
        Event.objects.visible_to(viewer)
        .filter(published_q(now=now), ends_at__gt=now, cancelled_at__isnull=True)
        .order_by("-published_at", "-pk")
        .only("published_at", *translated_columns(Event, "title"))[:limit]
    )
    return [
        WhatsNewItem(
            title=event.title,
            url=event.get_absolute_url,
            date=event.published_at,
            kind=_("New event"),
        )
        for event in events
    ]
