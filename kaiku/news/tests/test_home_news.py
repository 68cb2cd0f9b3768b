"""The front page's news (``home.home_news``): the newest items over the visibilities a
viewer may see, pinned first, each read from the list index and merged; the panel's rows
written in Python as the item template wrote them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.core.content import Visibility
from kaiku.notifications.tests.factories import FollowFactory

from ..home import home_news
from .factories import KeywordFactory, NewsItemFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _pks(items) -> list[int]:
    return [item["pk"] if isinstance(item, dict) else item.pk for item in items]


def _ago(days: int):
    return timezone.now() - datetime.timedelta(days=days)


def test_latest_merges_visibilities_pinned_first_then_newest():
    old_pinned = NewsItemFactory(
        title="Kiinnitetty", visibility=Visibility.STAFF, pinned=True, published_at=_ago(30)
    )
    newest_public = NewsItemFactory(title="Uusin", published_at=_ago(1))
    staff_middle = NewsItemFactory(visibility=Visibility.STAFF, published_at=_ago(2))
    public_old = NewsItemFactory(published_at=_ago(3))
    NewsItemFactory(published_at=_ago(40))  # beyond the limit

    latest = home_news(viewer=UserFactory(), limit=4)["latest"]

    assert _pks(latest) == _pks([old_pinned, newest_public, staff_middle, public_old])


def test_visitors_get_only_public_items():
    NewsItemFactory(visibility=Visibility.STAFF, pinned=True)
    public = NewsItemFactory()

    from django.contrib.auth.models import AnonymousUser

    assert _pks(home_news(viewer=AnonymousUser())["latest"]) == [public.pk]


def test_followed_items_are_not_repeated_in_latest():
    keyword = KeywordFactory()
    followed = NewsItemFactory(published_at=_ago(1))
    followed.keywords.add(keyword)
    other = NewsItemFactory(published_at=_ago(2))
    viewer = UserFactory()
    FollowFactory(user=viewer, target=keyword)

    news = home_news(viewer=viewer)

    assert _pks(news["followed"]) == [followed.pk]
    assert _pks(news["latest"]) == [other.pk]


def test_items_of_followed_groups_the_viewer_may_see():
    public, hidden = WorkingGroupFactory(), WorkingGroupFactory(visibility=Visibility.MEMBERS)
    of_public = NewsItemFactory(published_at=_ago(1))
    of_public.related_groups.add(public)
    of_hidden = NewsItemFactory(published_at=_ago(2))
    of_hidden.related_groups.add(hidden)
    viewer, someone = UserFactory(), UserFactory()
    for group in (public, hidden):
        FollowFactory(user=viewer, target=group)
    FollowFactory(user=someone, target=KeywordFactory())

    news = home_news(viewer=viewer)

    assert _pks(news["followed"]) == [of_public.pk]
    assert _pks(news["latest"]) == [of_hidden.pk]  # a public item, whatever its groups
    assert home_news(viewer=someone)["followed"] == []


def test_a_fixed_number_of_queries(django_assert_max_num_queries):
    for days in range(12):
        NewsItemFactory(published_at=_ago(days + 1), visibility=Visibility.STAFF)
        NewsItemFactory(published_at=_ago(days + 1))
    viewer = UserFactory()
    # Every part in one query; the viewer's roles.
    with django_assert_max_num_queries(2):
        home_news(viewer=viewer)


def test_an_item_followed_twice_is_shown_once_and_latest_still_has_its_limit():
    keyword, group = KeywordFactory(), WorkingGroupFactory()
    viewer = UserFactory()
    FollowFactory(user=viewer, target=keyword)
    FollowFactory(user=viewer, target=group)
    both = NewsItemFactory(published_at=_ago(1))
    both.keywords.add(keyword)
    both.related_groups.add(group)
    by_keyword = []
    for days in range(2, 7):
        item = NewsItemFactory(published_at=_ago(days))
        item.keywords.add(keyword)
        by_keyword.append(item)
    others = [NewsItemFactory(published_at=_ago(days)) for days in range(10, 16)]

    news = home_news(viewer=viewer, limit=5)

    assert _pks(news["followed"]) == _pks([both, *by_keyword[:4]])
    # The newest items not shown above: the fifth keyword item, then the others.
    assert _pks(news["latest"]) == _pks([by_keyword[4], *others[:4]])


def test_panel_rows_are_the_item_template():
    from django.template.loader import render_to_string
    from django.utils import translation

    from ..home import panel_rows
    from ..models import NewsItem

    NewsItemFactory(title="Uutinen <b>", published_at=_ago(1))
    swedish = NewsItemFactory(kind="announcement", published_at=_ago(2))
    NewsItem.objects.filter(pk=swedish.pk).update(title_fi="", title_sv="Nyhet")
    NewsItemFactory(kind="meeting_report", published_at=_ago(3))
    viewer = UserFactory()
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            rows = home_news(viewer=viewer)["latest"]
            items = NewsItem.objects.filter(pk__in=_pks(rows)).order_by("-published_at")
            expected = "".join(
                render_to_string("news/home/_item.html", {"item": item}) for item in items
            )
            assert panel_rows(rows) == expected
