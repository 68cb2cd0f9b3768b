"""The one place that differs per database: matching entries and ranking them.

Both backends read the same terms (``analysis.py``) with the same boolean condition (every
query word, any of its forms), so they find the same entries; only the ranking functions
differ (bm25 in SQLite, ``ts_rank`` in PostgreSQL). ``score`` is higher for better matches
on both.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, F, FloatField, OrderBy, QuerySet
from django.db.models.expressions import RawSQL

from .analysis import Query
from .models import SearchText

# The base table is never aliased in the queries search builds (no self-joins, no
# subqueries of entries: the best candidates are read into Python first, see ``best``), so
# the raw SQL may name it.
_VECTOR = '"search_searchentry"."search_vector"'


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
    return vendor


def matching(entries: QuerySet, query: Query) -> QuerySet:
    """``entries`` that match ``query``."""
    if _vendor() == "sqlite":
        return entries.filter(fts__document__match=query.fts5())
    return entries.filter(
        RawSQL(
            f"{_VECTOR} @@ to_tsquery('simple'::regconfig, %s)",
            [query.tsquery()],
            output_field=BooleanField(),
        )
    )


def ranked(entries: QuerySet, query: Query) -> QuerySet:
    """Matching ``entries`` (from ``matching``) with their ``score``, higher is better."""
    if _vendor() == "sqlite":
        # FTS5's rank is bm25 with the weights set in migration 0002; lower is better.
        return entries.annotate(score=-F("fts__rank"))
    return entries.annotate(
        score=RawSQL(
            f"ts_rank({_VECTOR}, to_tsquery('simple'::regconfig, %s))",
            [query.tsquery()],
            output_field=FloatField(),
        )
    )


def best_first(entries: QuerySet) -> OrderBy:
    """The ordering of ranked entries, best first. On SQLite by FTS5's own ``rank`` column
    rather than by the annotation: the same order, but SQLite sorts it in half the time."""
    if _vendor() == "sqlite":
        return F("fts__rank").asc()
    return F("score").desc()


def best(entries: QuerySet, query: Query, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best entries of ``entries`` matching ``query``, as ``(pk, score)``
    pairs, best first. Nothing but the full-text index and the entry table is read (no
    visibility: the caller checks it on these candidates), so the engine hands out the top
    of its ranking without looking at the rest of the matches twice."""
    if _vendor() == "sqlite" and not entries.query.where:
        # Without a filter, straight from the FTS5 table: FTS5 computes bm25 once per match
        # for "ORDER BY rank"; through the join with the entry table it computes it twice.
        found = SearchText.objects.filter(document__match=query.fts5()).order_by("rank")
        return [(pk, -rank) for pk, rank in found.values_list("entry_id", "rank")[:limit]]
    found = ranked(matching(entries, query), query)
    return list(found.order_by(best_first(found), "-pk").values_list("pk", "score")[:limit])
