"""The news list and its count read the partial index of live items (news_live_idx)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaiku.accounts.tests.factories import UserFactory
from kaiku.news import selectors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's"),
]


def _plans(queryset) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        queryset.count()
        list(queryset[:20].values_list("pk"))
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plans.append(" ".join(row[3] for row in cursor.fetchall()))
    return plans


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_and_count_use_the_live_index(signed_in):
    viewer = UserFactory() if signed_in else AnonymousUser()
    count_plan, list_plan = _plans(selectors.news_list(viewer=viewer))
    # The count never reads the table: every column it filters on is in the index.
    assert "COVERING INDEX news_live_idx" in count_plan
    assert "news_live_idx" in list_plan
