"""Bench step: index the bench content (the other steps bulk-create it, bypassing the
signals). Runs after every content step; a rerun indexes only what is missing."""

from __future__ import annotations

from kaiku.core import bench


def step_search(scale: bench.Scale) -> str:
    from .indexing import index_missing
    from .models import SearchEntry

    counts = index_missing()
    return f"{sum(counts.values())} rows indexed, {SearchEntry.objects.count()} entries in all"


def reset_search() -> str:
    from .models import SearchEntry

    deleted, _ = SearchEntry.objects.all().delete()
    return f"{deleted} entries deleted"


bench.register("search", 900, run=step_search, reset=reset_search)
