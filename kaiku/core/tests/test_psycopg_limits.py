"""psycopg keeps the parsed form of Kaiku's long kept queries (``kaiku.core.apps``)."""

from __future__ import annotations

import pytest

from kaiku.core.apps import PSYCOPG_CACHED_QUERY_LIMITS


def test_the_limits_are_raised_where_psycopg_reads_them():
    queries = pytest.importorskip("psycopg._queries")
    # If psycopg renames these, the raise silently stops working: this test says so.
    for name, limit in PSYCOPG_CACHED_QUERY_LIMITS.items():
        assert getattr(queries, name) == limit
