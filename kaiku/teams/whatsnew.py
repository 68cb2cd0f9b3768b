"""The front page's "What is new": improvements teams have adopted, that the viewer may see.
One query."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _

from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import pick_value, translated_columns
from kaiku.core.whatsnew import WhatsNewItem

from .models import Improvement, ImprovementStage, Team


def _title(row: dict) -> str:
    return f"{pick_value(row, Team, 'name', prefix='team__')[0]}: {row['title']}"


def _url(row: dict) -> str:
    team = reverse_cached("teams:detail", slug=row["team__slug"])
    return f"{team}#{Improvement.anchor}-{row['pk']}"


def _rows(viewer, *, limit: int):
    return (
        Improvement.objects.visible_to(viewer)
        .filter(stage=ImprovementStage.ADOPTED, stage_changed_at__isnull=False)
        .order_by("-stage_changed_at", "-pk")
        .values(
            "pk",
            "title",
            "stage_changed_at",
            "team__slug",
            *(f"team__{column}" for column in translated_columns(Team, "name")),
        )[:limit]
    )


def adopted_improvements(*, viewer, limit: int) -> list[WhatsNewItem]:
    rows = for_viewer(viewer, _rows, shape={"limit": limit})
    return [
        WhatsNewItem(
            title=partial(_title, card),
            url=partial(_url, card),
            date=card["stage_changed_at"],
            kind=_("Improvement adopted"),
        )
        for card in rows
    ]
