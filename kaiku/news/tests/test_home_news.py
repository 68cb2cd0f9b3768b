"""The front page's news (``home.home_news``): the newest items over the visibilities a
viewer may see, pinned first, each read from the list index and merged."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.core.content import Visibility
from kaiku.notifications.tests.factories import FollowFactory

from ..home import home_news
from .factories import KeywordFactory, NewsItemFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


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

    assert latest == [old_pinned, newest_public, staff_middle, public_old]


def test_visitors_get_only_public_items():
    NewsItemFactory(visibility=Visibility.STAFF, pinned=True)
    public = NewsItemFactory()

    from django.contrib.auth.models import AnonymousUser

    assert home_news(viewer=AnonymousUser())["latest"] == [public]


def test_followed_items_are_not_repeated_in_latest():
    keyword = KeywordFactory()
    followed = NewsItemFactory(published_at=_ago(1))
    followed.keywords.add(keyword)
    other = NewsItemFactory(published_at=_ago(2))
    viewer = UserFactory()
    FollowFactory(user=viewer, target=keyword)

    news = home_news(viewer=viewer)

    assert news["followed"] == [followed]
    assert news["latest"] == [other]


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

    assert news["followed"] == [of_public]
    assert news["latest"] == [of_hidden]  # a public item, whatever its groups
    assert home_news(viewer=someone)["followed"] == []


def test_a_fixed_number_of_queries(django_assert_max_num_queries):
    for days in range(12):
        NewsItemFactory(published_at=_ago(days + 1), visibility=Visibility.STAFF)
        NewsItemFactory(published_at=_ago(days + 1))
    viewer = UserFactory()
    # The followed items, the latest of each of the two visibilities, the viewer's roles.
    with django_assert_max_num_queries(4):
        home_news(viewer=viewer)
