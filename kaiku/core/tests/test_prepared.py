"""kaiku.core.prepared: a query compiled once returns what the query built afresh returns."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kaiku.core import prepared
from kaiku.news.models import NewsItem
from kaiku.news.tests.factories import KeywordFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


def _published(now, kind):
    return NewsItem.objects.filter(published_at__lte=now, kind=kind).order_by("-published_at")


def _values(now, kind):
    return _published(now, kind).values("slug", "published_at")[:3]


def _slugs(rows):
    return [row["slug"] for row in rows]


@pytest.fixture
def items():
    now = timezone.now()
    return [
        NewsItemFactory(slug=f"n{i}", published_at=now - datetime.timedelta(days=i))
        for i in range(5)
    ] + [NewsItemFactory(slug="tiedote", kind="announcement", published_at=now)]


def test_values_rows_match_a_fresh_query_for_new_values(items):
    now = timezone.now()
    first = prepared.run(_values, now=now, kind="news")
    assert first == list(_values(now, "news"))
    assert _slugs(first) == ["n0", "n1", "n2"]
    # The same plan, other values: the kept SQL is filled afresh.
    earlier = now - datetime.timedelta(days=2, hours=1)
    assert _slugs(prepared.run(_values, now=earlier, kind="news")) == ["n3", "n4"]
    assert _slugs(prepared.run(_values, now=now, kind="announcement")) == ["tiedote"]


def test_model_instances_with_related_rows_and_prefetch(items):
    keyword = KeywordFactory(name="Muutosturva", slug="muutosturva")
    items[1].keywords.add(keyword)

    def build(now, kind):
        return _published(now, kind).select_related("author").prefetch_related("keywords")[:2]

    for _ in range(2):
        got = prepared.run(build, now=timezone.now(), kind="news")
        assert [item.slug for item in got] == ["n0", "n1"]
        assert isinstance(got[0], NewsItem)
        assert [k.name for k in got[1].keywords.all()] == ["Muutosturva"]
        assert got[0].title == items[0].title


def test_the_second_call_builds_nothing_and_runs_one_query(items, settings):
    settings.KAIKU_PREPARED_VERIFY = False
    calls = []

    def build(now, kind):
        calls.append(now)
        return _values(now, kind)

    prepared.run(build, now=timezone.now(), kind="news")
    with CaptureQueriesContext(connection) as queries:
        rows = prepared.run(build, now=timezone.now(), kind="news")
    assert len(calls) == 1
    assert len(queries) == 1
    assert _slugs(rows) == ["n0", "n1", "n2"]


def test_in_lists_of_other_lengths_get_their_own_plan(items):
    def build(slugs):
        return (
            NewsItem.objects.filter(slug__in=slugs).order_by("slug").values_list("slug", flat=True)
        )

    assert prepared.run(build, slugs=["n1", "n3"]) == ["n1", "n3"]
    assert prepared.run(build, slugs=["n2", "n4", "tiedote"]) == ["n2", "n4", "tiedote"]
    assert prepared.run(build, slugs=["n0", "n4"]) == ["n0", "n4"]
    assert prepared.run(build, slugs=[]) == []


def test_the_language_is_part_of_the_key(items):
    def build(slug):
        from kaiku.core.translations import translated_columns

        return NewsItem.objects.filter(slug=slug).values(*translated_columns(NewsItem, "title"))

    with translation.override("fi"):
        fi = prepared.run(build, slug="n0")
    with translation.override("sv"):
        sv = prepared.run(build, slug="n0")
    assert fi == list(translation.override("fi")(lambda: list(build("n0")))())
    assert sv == list(translation.override("sv")(lambda: list(build("n0")))())


def test_a_value_changed_inside_the_build_is_refused(items):
    def build(now):
        return NewsItem.objects.filter(published_at__gte=now - datetime.timedelta(days=30))

    with pytest.raises(ImproperlyConfigured):
        prepared.run(build, now=timezone.now())


def test_a_value_written_into_the_sql_is_refused(items):
    def build(offset):
        return NewsItem.objects.order_by("slug")[offset : offset + 2]

    with pytest.raises((ImproperlyConfigured, TypeError, ValueError, AssertionError)):
        prepared.run(build, offset=2)


def _limited(limit, now):
    return NewsItem.objects.filter(published_at__lte=now).order_by("slug").values("slug")[:limit]


def test_the_shape_is_part_of_the_key(items):
    now = timezone.now()
    assert len(prepared.run(_limited, shape={"limit": 2}, now=now)) == 2
    assert len(prepared.run(_limited, shape={"limit": 4}, now=now)) == 4


def test_a_shape_outside_the_key_fails_verification(items):
    """The tests' settings compile every call afresh too: a build whose SQL depends on
    something outside its key and values fails loudly, not with someone else's rows."""
    shape = {"kind": "news"}

    def build(now):
        return NewsItem.objects.filter(published_at__lte=now, **shape).values("slug")

    prepared.run(build, now=timezone.now())
    shape.clear()
    shape["slug"] = "n1"
    with pytest.raises(AssertionError):
        prepared.run(build, now=timezone.now())


def _all(flag):
    return NewsItem.objects.all()


def test_booleans_belong_in_the_shape():
    with pytest.raises(TypeError):
        prepared.run(_all, flag=True)


def test_a_settings_change_forgets_the_plans(items, settings):
    prepared.run(_values, now=timezone.now(), kind="news")
    before = connections["default"].__dict__["_kaiku_prepared"]
    settings.KAIKU_PAGE_CACHE_SECONDS = 5
    prepared.run(_values, now=timezone.now(), kind="news")
    assert connections["default"].__dict__["_kaiku_prepared"] is not before
