"""``selectors.news_page`` (one kept query for the page and the count) answers what
``Paginator(news_list_rows(...)).get_page(...)`` answers, for every filter and page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator

from kaiku.news import selectors

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(items, keyword, group, hidden_group):
    """Enough items for three pages of two, some archived, some in the hidden group."""
    from django.utils import timezone

    made = []
    for number in range(5):
        item = NewsItemFactory(title=f"Uutinen {number}", slug=f"uutinen-{number}")
        if number % 2:
            item.keywords.add(keyword)
            item.related_groups.add(hidden_group)
        else:
            item.related_groups.add(group)
        made.append(item)
    made[0].archived_at = timezone.now()
    made[0].save()
    return made


FILTERS = [
    {},
    {"archived": True},
    {"keyword": "te2024"},
    {"keyword": "ei-ole"},
    {"group": "group"},
    {"group": "hidden_group"},
    {"group": "group", "keyword": "te2024"},
    {"keyword": "te2024", "archived": True},
    {"q": "Uutinen"},
]


@pytest.mark.parametrize("who", [None, "staff", "other", "admin"])
def test_the_page_is_the_paginators(many, people, group, hidden_group, who):
    viewer = people[who] if who else AnonymousUser()
    groups = {"group": group, "hidden_group": hidden_group}
    for given in FILTERS:
        filters = {k: groups[v] if k == "group" else v for k, v in given.items()}
        for number in [None, "1", "2", "3", "99", "abc", "0", "-1"]:
            page = selectors.news_page(viewer=viewer, number=number, per_page=2, **filters)
            rows = selectors.news_list_rows(viewer=viewer, **filters)
            expected = Paginator(rows, 2).get_page(number)
            assert [i.pk for i in page.object_list] == [i.pk for i in expected.object_list]
            assert page.number == expected.number
            assert page.paginator.count == expected.paginator.count
            assert page.paginator.num_pages == expected.paginator.num_pages
