"""A page and the list's count in one query (``kaiku.core.paging``): the same page as
Django's paginator, one query instead of two wherever the page has rows."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaiku.core.paging import page_of, total_of, with_total
from kaiku.news.models import NewsItem
from kaiku.news.tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    return [NewsItemFactory() for _ in range(5)]


def _same(got, expected):
    assert list(got.object_list) == list(expected.object_list)
    assert got.number == expected.number
    assert got.paginator.count == expected.paginator.count
    assert got.paginator.num_pages == expected.paginator.num_pages


@pytest.mark.parametrize("number", [None, "1", "2", "3", "4", "0", "-1", "x", "2.0", 10**30])
def test_the_page_is_the_paginators(items, number):
    queryset = NewsItem.objects.order_by("pk")
    _same(page_of(queryset, number, 2, max_page=100), Paginator(queryset, 2).get_page(number))


def test_a_page_with_rows_is_one_query(items):
    queryset = NewsItem.objects.order_by("pk")
    with CaptureQueriesContext(connection) as queries:
        page = page_of(queryset, "2", 2, max_page=100)
        assert page.paginator.num_pages == 3
        assert page.has_next()
    assert len(queries) == 1


def test_a_number_beyond_the_limit_is_not_read(items):
    """No query with a huge offset: the paginator's last page, as for any page past the end."""
    queryset = NewsItem.objects.order_by("pk")
    with CaptureQueriesContext(connection) as queries:
        page = page_of(queryset, "1000", 2, max_page=999)
    assert page.number == 3
    assert all("OFFSET 1998" not in q["sql"] for q in queries)


def test_an_empty_list_is_an_empty_first_page(db):
    page = page_of(NewsItem.objects.order_by("pk"), "1", 2, max_page=100)
    assert page.number == 1 and list(page.object_list) == []
    assert page.paginator.count == 0


def test_rows_of_any_kind_carry_the_total(items):
    queryset = with_total(NewsItem.objects.order_by("pk"))[:2]
    assert total_of(list(queryset)) == 5
    assert total_of(list(queryset.values("pk", "window_total"))) == 5
    assert total_of([]) == 0


def test_the_whole_list_is_built_only_when_the_paginator_answers(items):
    """With ``read``, the queryset may be a function: not called for a page with rows (a
    signed-in person's visibility filter is costly to build), called for one past the end."""
    queryset = NewsItem.objects.order_by("pk")
    built = []

    def everything():
        built.append(1)
        return queryset

    def read(start, stop):
        return list(with_total(queryset)[start:stop])

    page = page_of(everything, "2", 2, max_page=100, read=read)
    assert built == [] and page.number == 2 and page.paginator.num_pages == 3
    _same(page, Paginator(queryset, 2).get_page("2"))
    last = page_of(everything, "9", 2, max_page=100, read=read)
    assert built == [1] and last.number == 3


def _news_list(viewer, *, first):
    return NewsItem.objects.filter(pk__gte=first)


def _distinct_news_list(viewer, *, first):
    return _news_list(viewer, first=first).distinct()


@pytest.mark.parametrize("base", [_news_list, _distinct_news_list])
def test_an_api_lists_count_is_one_query_with_no_group_by(items, base):
    """``prepared_count`` (the API lists' total): the list's count, also for none, by one
    query without a GROUP BY that would give a row per value."""
    from kaiku.core.api.pagination import prepared_count

    first = min(item.pk for item in items)
    for count, pk in ((5, first), (0, first + 1000)):
        with CaptureQueriesContext(connection) as queries:
            assert prepared_count(None, base, first=pk) == count
        assert len(queries) == 1
        assert "GROUP BY" not in queries[0]["sql"]
