"""kaiku.core.prepared: a query compiled once returns what the query built afresh returns."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

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


def _meetings(viewer, *, now):
    from kaiku.core.content import visible_q
    from kaiku.programme.models import Meeting

    return (
        Meeting.objects.filter(visible_q(Meeting, viewer), starts_at__gte=now)
        .order_by("title")
        .values_list("title", flat=True)
    )


def test_signed_in_people_share_a_kept_query_and_each_sees_their_own(settings):
    """One kept query per set of roles, the person's id a value: a member sees their
    group's members-only meeting, another person with the same roles does not, whoever
    asked first; an administrator sees everything; anonymous visitors the public one."""
    from django.contrib.auth.models import AnonymousUser

    from kaiku.accounts.tests.factories import UserFactory
    from kaiku.core.content import Visibility
    from kaiku.programme.tests.factories import (
        MeetingFactory,
        MembershipFactory,
        WorkingGroupFactory,
    )

    closed = WorkingGroupFactory(visibility=Visibility.MEMBERS)
    MeetingFactory(group=closed, title="Suljettu", visibility=Visibility.MEMBERS)
    MeetingFactory(title="Avoin")
    MeetingFactory(title="Henkilöstölle", visibility=Visibility.STAFF)
    member, outsider = UserFactory(), UserFactory()
    MembershipFactory(group=closed, person=member)
    admin = UserFactory(is_superuser=True)
    now = timezone.now() - datetime.timedelta(hours=1)

    for verify in (True, False):  # kept plans, with and without the tests' double check
        settings.KAIKU_PREPARED_VERIFY = verify
        for _ in range(2):
            lazy_outsider = SimpleLazyObject(lambda: outsider)  # a request's user
            assert prepared.for_viewer(lazy_outsider, _meetings, now=now) == [
                "Avoin",
                "Henkilöstölle",
            ]
            assert prepared.for_viewer(member, _meetings, now=now) == [
                "Avoin",
                "Henkilöstölle",
                "Suljettu",
            ]
            assert prepared.for_viewer(AnonymousUser(), _meetings, now=now) == ["Avoin"]
            assert len(prepared.for_viewer(admin, _meetings, now=now)) == 3
    # A fresh user object (the next request) of the outsider gets the same answer; a
    # request's user is a lazy object.
    fresh = SimpleLazyObject(lambda: type(outsider).objects.get(pk=outsider.pk))
    assert prepared.for_viewer(fresh, _meetings, now=now) == ["Avoin", "Henkilöstölle"]
    settings.KAIKU_PREPARED_VERIFY = True
    lazy_member = SimpleLazyObject(lambda: type(member).objects.get(pk=member.pk))
    assert (
        prepared.for_viewer(lazy_member, _meetings, now=now + datetime.timedelta(seconds=1))[-1]
        == "Suljettu"
    )
    inactive = UserFactory(is_active=False)
    MembershipFactory(group=closed, person=inactive)
    assert prepared.for_viewer(inactive, _meetings, now=now) == ["Avoin"]


def test_a_build_that_reads_more_of_the_person_fails_verification():
    from kaiku.accounts.tests.factories import UserFactory

    person = UserFactory(full_name="Maija Meikäläinen")

    def build(viewer):
        return NewsItem.objects.filter(title=viewer.full_name).values("pk")

    with pytest.raises(AssertionError):
        prepared.for_viewer(person, build)


def test_a_prefetch_with_its_own_queryset_is_refused(items):
    """A Prefetch's queryset is kept as built: with the stand-ins in its filter."""
    from django.db.models import Prefetch

    from kaiku.news.models import Keyword

    def build(now):
        keywords = Keyword.objects.filter(created__lte=now)
        return NewsItem.objects.filter(published_at__lte=now).prefetch_related(
            Prefetch("keywords", queryset=keywords)
        )

    with pytest.raises(ImproperlyConfigured):
        prepared.run(build, now=timezone.now())


def _by_capacity(*, capacity):
    from kaiku.events.models import Event

    return Event.objects.filter(capacity=capacity).values_list("capacity", flat=True)


def test_a_positive_integer_field_is_found_by_its_value(db):
    """Stand-in numbers are positive: a lookup on a positive integer field compiles to
    "no rows" for a negative number, and the kept query would then stay empty for good."""
    from kaiku.events.tests.factories import EventFactory

    EventFactory(capacity=12)
    EventFactory(capacity=30)
    assert prepared.run(_by_capacity, capacity=12) == [12]
    assert prepared.run(_by_capacity, capacity=30) == [30]
    assert prepared.run(_by_capacity, capacity=7) == []
