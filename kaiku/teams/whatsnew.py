"""The front page's "What is new": improvements teams have adopted, that the viewer may see.
One query."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _

from kaiku.core.translations import translated_columns
from kaiku.core.whatsnew import WhatsNewItem

from .models import Improvement, ImprovementStage, Team


def _title(card: Improvement) -> str:
    return f"{card.team.name}: {card.title}"


def adopted_improvements(*, viewer, limit: int) -> list[WhatsNewItem]:
    rows = (
        Improvement.objects.visible_to(viewer)
        .filter(stage=ImprovementStage.ADOPTED, stage_changed_at__isnull=False)
        .select_related("team")
        .order_by("-stage_changed_at", "-pk")
        .only(
            "title",
            "stage_changed_at",
            "team",
            "team__slug",
            *(f"team__{column}" for column in translated_columns(Team, "name")),
        )[:limit]
    )
    return [
        WhatsNewItem(
            title=partial(_title, card),
            url=card.get_absolute_url,
            date=card.stage_changed_at,
            kind=_("Improvement adopted"),
        )
        for card in rows
    ]
