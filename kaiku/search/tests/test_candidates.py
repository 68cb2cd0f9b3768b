"""Only the best ``CANDIDATES`` matches are checked, counted and faceted; past them the page
and the API say the total is a lower bound."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from kaiku.news.tests.factories import NewsItemFactory
from kaiku.programme.tests.factories import MeetingFactory
from kaiku.search import selectors
from kaiku.search.analysis import parse_query
from kaiku.search.indexing import rebuild
from kaiku.search.selectors import Search

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "member_a", "member_b", "moderator", "admin"]


@pytest.fixture
def holidays(groups):
    for n in range(3):
        MeetingFactory(group=groups["a"], title=f"Vuosilomakokous {n}")
        NewsItemFactory(title=f"Vuosilomat {n}", slug=f"loma-{n}")
    rebuild()


def test_small_result_sets_are_counted_exactly(client, people, holidays):
    with translation.override("en"):
        response = client.get(reverse("search:results"), {"q": "vuosiloma"})
    assert response.context["search"].total == 6
    assert response.context["search"].more is False
    assert "More than" not in response.content.decode()
    answer = APIClient().get("/api/v1/search/", {"q": "vuosiloma"}).json()
    assert answer["count"] == 6 and answer["more"] is False


def test_past_the_cut_the_page_and_the_api_say_more(client, people, holidays, monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATES", 4)
    with translation.override("en"):
        response = client.get(reverse("search:results"), {"q": "vuosiloma"})
    search = response.context["search"]
    assert search.total == 4 and search.more is True
    assert len(response.context["hits"]) == 4
    assert sum(facet.count for facet in search.types) == 4
    assert "More than 4 results: refine your search" in response.content.decode()
    answer = APIClient().get("/api/v1/search/", {"q": "vuosiloma", "page_size": 2}).json()
    assert answer["count"] == 4 and answer["more"] is True and len(answer["results"]) == 2


def test_a_filter_past_the_cut_searches_all_matches_of_its_kind(people, holidays, monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    search = Search(viewer=None, query=parse_query("vuosiloma"), types=["programme.meeting"])
    hits = search.page(1).object_list
    assert search.more is True and search.total == 2
    assert [hit.key for hit in hits] == ["programme.meeting"] * 2


@pytest.mark.parametrize("role", ROLES)
def test_the_cut_never_counts_hidden_items(people, content, role, monkeypatch):
    """Even when the cut applies, the total and the facets count only what the viewer may
    see: visibility is checked on the candidates, before counting and paging."""
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    search = Search(viewer=people[role], query=parse_query("salaisuussana"))
    found = {hit.obj for hit in search.page(1).object_list}
    visible = {content["staff_news"]} if role != "anonymous" else set()
    if role in ("member_a", "admin"):
        visible.add(content["members_meeting"])
    assert found <= visible
    assert search.total == len(found) == search.paginator.count
    assert sum(facet.count for facet in search.types) == len(found)
    assert sum(facet.count for facet in search.years) == len(found)
