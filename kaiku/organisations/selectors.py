"""Reads of organisations and regions."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from .models import Organisation, OrganisationType


def organisation_stats() -> list[dict]:
    """How many organisations of each type the platform knows, for the front page."""
    counts = dict(
        Organisation.objects.values_list("type").annotate(n=Count("id")).values_list("type", "n")
    )
    base = reverse("organisations:list")
    return [
        {"label": label, "count": counts[value], "url": f"{base}?type={value}"}
        for value, label in OrganisationType.choices
        if counts.get(value)
    ]
