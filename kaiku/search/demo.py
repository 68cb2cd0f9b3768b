"""Demo data: build the search index last, after every app's demo content (the loaders
create rows in bulk, and ``load_demo`` runs in one transaction, so nothing has been indexed
on commit yet)."""

from __future__ import annotations

from kaiku.core import demo

from .indexing import rebuild


def load_demo_search_index() -> str:
    counts = rebuild()
    return f"search index: {sum(counts.values())} rows"


demo.register(1000, load_demo_search_index)
