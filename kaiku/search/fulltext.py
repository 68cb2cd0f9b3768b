"""The one place that differs per database: matching entries and ranking them.

Both backends read the same terms (``analysis.py``) with the same boolean condition (every
query word, any of its forms, and the facet terms of the filters), so they find the same
entries; only the ranking functions differ (bm25 in SQLite, ``ts_rank`` in PostgreSQL).
``score`` is higher for better matches on both. Both rank a window of the most recent
matches (``WINDOW``), so a search costs the same however many entries match.
"""

from __future__ import annotations

from operator import itemgetter

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from .analysis import Query
from .models import SearchEntry, SearchText

# The base table is never aliased in the queries search builds (no joins, no subqueries of
# entries: the candidates are read into Python first, see ``best``), so the raw SQL may
# name it.
_TABLE = f'"{SearchEntry._meta.db_table}"'
_VECTOR = f'{_TABLE}."search_vector"'


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
    return vendor


# How many of the most recent matches a search ranks. Ranking costs per match (bm25 or
# ts_rank reads each match's document), finding the most recent matches does not (entries
# are numbered in the order of their content's dates, see ``indexing``): a search for a word
# in 80,000 comments ranks the newest WINDOW of them, and the newest WINDOW of the entries
# with the words in their title, so that an older question or news item titled with the
# words still competes. Fewer matches than WINDOW are all ranked.
WINDOW = 1000


def _sqlite_tier(match: str) -> tuple[list[tuple[int, float]], bool]:
    # FTS5 hands out matches by descending rowid without ranking them; the rank is computed
    # for the rows handed out only. One query: a prefix term's lists are merged once.
    found = (
        SearchText.objects.filter(document__match=match)
        .order_by("-entry_id")
        .values_list("entry_id", "rank")[: WINDOW + 1]
    )
    rows = [(pk, -rank) for pk, rank in found]
    return rows[:WINDOW], len(rows) > WINDOW


# The ranked windows in one statement of our own: the query set that wrote it cost more CPU
# (compiling it, and a float converter per row of 1,000) than PostgreSQL took to run it.
# The window is ordered by ``id + 0``, not ``id``: with the bare column the planner may walk
# the primary key backwards and test every entry's vector until it has found the window,
# which for a word missing from the newest entries (the comments) read over 500,000 rows
# (1.6–1.9 s); through the full-text index and a top-N sort it reads the matches only.
# The title window (tier 1) is read in the same round trip, and only when the first window
# was cut: its condition on the first window's count is a one-time filter, so PostgreSQL does
# not scan for it otherwise. The rows come with their facets (``FACET_COLUMNS``): PostgreSQL
# reads the entries' rows for the match anyway, and search needs them for every candidate.
_POSTGRESQL_WINDOW = (
    f"SELECT {_TABLE}.\"id\", ts_rank({_VECTOR}, to_tsquery('simple'::regconfig, %s)) AS score, "
    + ", ".join(
        f'{_TABLE}."{column}"' for column in ("content_type_id", "object_id", "group_pk", "year")
    )
    + f" FROM {_TABLE} WHERE {_VECTOR} @@ to_tsquery('simple'::regconfig, %s)"
)
# The two windows are merged, ranked and cut in the same statement (what ``best`` does in
# Python on SQLite): an entry in both counts with the higher of its scores, best first, then
# the newest, and only the ``limit`` best come back, each with the count of the first window
# (more than ``WINDOW``: the window was cut).
_POSTGRESQL_TIERS = (
    f"WITH found AS ({_POSTGRESQL_WINDOW}"
    f' ORDER BY {_TABLE}."id" + 0 DESC LIMIT %s),'
    f" titled AS ({_POSTGRESQL_WINDOW}"
    " AND (SELECT COUNT(*) FROM found) > %s"
    f' ORDER BY {_TABLE}."id" + 0 DESC LIMIT %s),'
    ' ranked AS ((SELECT * FROM found ORDER BY "id" DESC LIMIT %s) UNION ALL'
    " SELECT * FROM titled)"
    ' SELECT "id", MAX(score), "content_type_id", "object_id", "group_pk", "year",'
    " (SELECT COUNT(*) FROM found) FROM ranked"
    ' GROUP BY "id", "content_type_id", "object_id", "group_pk", "year"'
    " ORDER BY 2 DESC, 1 DESC LIMIT %s"
)


def _postgresql_best(tsquery: str, titles: str, limit: int, facets: dict | None):
    with connection.cursor() as cursor:
        cursor.execute(
            _POSTGRESQL_TIERS,
            [tsquery, tsquery, WINDOW + 1, titles, titles, WINDOW, WINDOW, WINDOW, limit],
        )
        rows = cursor.fetchall()
    if facets is not None:
        facets.update({row[0]: row[0:1] + row[2:6] for row in rows})
    return [row[0:2] for row in rows], bool(rows) and rows[0][6] > WINDOW


def rows_of(columns: tuple[str, ...], array: str) -> list[tuple]:
    """PostgreSQL: ``columns`` of the entries whose pks ``array`` (``pk_array``) lists, in
    one statement of our own (the query set for 20 rows cost more CPU than the query), as
    tuples; the columns are names of the model's own fields (checked)."""
    for column in columns:
        SearchEntry._meta.get_field(column)  # a field's name, never text from outside
    sql = (
        "SELECT "
        + ", ".join(f'{_TABLE}."{column}"' for column in columns)
        + f' FROM {_TABLE} WHERE {_TABLE}."id" = ANY(%s::bigint[])'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [array])
        return cursor.fetchall()


def best(
    query: Query, limit: int, facets: dict | None = None
) -> tuple[list[tuple[int, float]], bool]:
    """The ``limit`` best entries matching ``query`` (its words and filters) as ``(pk,
    score)`` pairs, best first, and whether the ``WINDOW`` left matches unranked. Nothing but
    the full-text index is read (no visibility: the caller checks it on these candidates).

    On PostgreSQL, ``facets`` (a dict) is given the facets of the entries read, as
    ``pk: (pk, content_type_id, object_id, group_pk, year)``; on SQLite it is left as it is."""
    if _vendor() == "postgresql":  # the same, in SQL
        return _postgresql_best(query.tsquery(), query.tsquery(titles=True), limit, facets)
    found, windowed = _sqlite_tier(query.fts5())
    titled = _sqlite_tier(query.fts5(titles=True))[0] if windowed else []
    # A title-only score leaves out the body's matches: the higher score of the two counts.
    scores = dict(found)
    for pk, score in titled:
        if pk not in scores or score > scores[pk]:
            scores[pk] = score
    # Best first, then the newest: by (score, pk) descending (pks are unique, so the order is
    # that of sorting by (-score, -pk)), with a key in C.
    ranked = sorted(scores.items(), key=itemgetter(1, 0), reverse=True)
    return ranked[:limit], windowed


def pk_in(model, pks: list[int]) -> RawSQL:
    """``model``'s primary key in ``pks``, for a query of ``model`` itself (its table
    unaliased). Django prepares every value of ``pk__in`` in Python, which for 1,000
    candidates cost more than the query; here the values are checked integers.

    On SQLite they are written into the SQL as literals, so that the planner knows how few
    rows the list names: with the list as one ``json_each()`` parameter it guessed high, and
    for comments (whose visibility is an OR over the types they hang on) scanned an index of
    500,000 rows instead (1.3 s instead of 20 ms). On PostgreSQL the list is one array,
    passed as its text (``{1,2,3}``): psycopg adapting a list of 1,000 integers element by
    element cost more CPU than the query."""
    literals = ",".join(map(str, map(int, pks)))
    column = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
    if _vendor() == "sqlite":
        return RawSQL(f"{column} IN ({literals or 'NULL'})", [], output_field=BooleanField())
    return RawSQL(f"{column} = ANY(%s::bigint[])", [f"{{{literals}}}"], output_field=BooleanField())


def kept() -> bool:
    """Whether the search's queries on a list of primary keys can be kept queries
    (``kaiku.core.prepared``): on PostgreSQL the list is one parameter (``pk_array``); on
    SQLite it is written into the SQL (see ``pk_in``), so each query is built afresh."""
    return _vendor() == "postgresql"


def pk_array(pks) -> str:
    """``pks`` as the one text parameter of ``pk_in_array`` (``{1,2,3}``)."""
    return "{" + ",".join(map(str, map(int, pks))) + "}"


def pk_in_array(model, array: str) -> RawSQL:
    """``pk_in`` on PostgreSQL with the list already written by ``pk_array``: a value of a
    kept query (the text is the parameter, whatever the list's length)."""
    column = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
    return RawSQL(f"{column} = ANY(%s::bigint[])", [array], output_field=BooleanField())
