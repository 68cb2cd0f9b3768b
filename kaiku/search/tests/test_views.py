from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from kaiku.news.tests.factories import NewsItemFactory
from kaiku.programme.tests.factories import MeetingFactory
from kaiku.search.indexing import rebuild

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "member_a", "member_b", "moderator", "admin"]


def _url(obj) -> str:
    with translation.override("en"):
        return obj.get_absolute_url()


def _get(client, people, role, **params):
    if people[role] is not None:
        client.force_login(people[role])
    with translation.override("en"):
        return client.get(reverse("search:results"), params)


@pytest.mark.parametrize("role", ROLES)
def test_search_page_never_shows_hidden_items(client, people, content, role):
    response = _get(client, people, role, q="salaisuussana")
    assert response.status_code == 200
    html = response.content.decode()
    hidden = ["draft_news", "scheduled_news", "draft_memo", "deleted_memo", "child_of_deleted"]
    for name in hidden:
        assert f'href="{_url(content[name])}"' not in html, name
    url = _url(content["staff_news"])
    assert (f'href="{url}"' in html) == (role != "anonymous")
    url = _url(content["members_meeting"])
    assert (f'href="{url}"' in html) == (role in ("member_a", "admin"))


@pytest.mark.parametrize("role", ROLES)
def test_api_never_returns_hidden_items_nor_counts_them(people, content, role):
    api = APIClient()
    if people[role] is not None:
        api.force_authenticate(people[role])
    response = api.get("/api/v1/search/", {"q": "salaisuussana", "page_size": 1})
    assert response.status_code == 200
    expected = (role != "anonymous") + (role in ("member_a", "admin"))
    assert response.json()["count"] == expected


def test_results_have_type_link_snippet_group_and_date(client, people, content, groups):
    response = _get(client, people, "anonymous", q="kunnan")
    html = response.content.decode()
    assert _url(content["meeting"]) in html
    assert "<mark>" in html
    assert groups["a"].name in html
    assert f'datetime="{content["meeting"].starts_at:%Y}' in html
    # Facet links work without JavaScript: plain links with the filter in the address.
    assert "type=programme.meeting" in html
    assert f"group={groups['a'].pk}" in html
    response = _get(client, people, "anonymous", q="kunnan", type="programme.meeting")
    html = response.content.decode()
    assert _url(content["meeting"]) in html
    assert _url(content["news"]) not in html


def test_empty_and_too_long_queries_get_a_message(client, people, db):
    html = _get(client, people, "anonymous", q="   ").content.decode()
    assert "Type one or more words" in html
    response = _get(client, people, "anonymous", q="sana " * 100)
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert _get(client, people, "anonymous").status_code == 200  # the bare page
    api = APIClient()
    assert api.get("/api/v1/search/", {"q": "sana " * 100}).status_code == 400
    assert api.get("/api/v1/search/", {"q": "kunta", "type": "nope"}).status_code == 400
    assert api.get("/api/v1/search/", {"q": "kunta", "year": "x"}).status_code == 400
    # An empty value is not an integer either (the schema says integer).
    assert api.get("/api/v1/search/", {"q": "", "group": ""}).status_code == 400
    assert api.get("/api/v1/search/", {"q": "", "year": ""}).status_code == 400
    assert api.get("/api/v1/search/").json()["count"] == 0


def test_bad_filter_values_are_ignored_on_the_page(client, people, content):
    response = _get(client, people, "anonymous", q="kunta", group="abc", year="99999", page="x")
    assert response.status_code == 200
    assert _url(content["news"]) in response.content.decode()
    # An unknown type among the types leaves the type filter out.
    response = _get(client, people, "anonymous", q="kunta", type=["nonsense", "news.newsitem"])
    assert _url(content["meeting"]) in response.content.decode()
    response = _get(client, people, "anonymous", q="kunta", type=["news.newsitem"])
    assert _url(content["meeting"]) not in response.content.decode()


def test_queries_do_not_grow_with_results(client, people, groups, django_assert_max_num_queries):
    client.force_login(people["member_a"])
    for n in range(3):
        MeetingFactory(group=groups["a"], title=f"Vuosilomakokous {n}")
        NewsItemFactory(title=f"Vuosilomat {n}", slug=f"loma-{n}")
    rebuild()
    url = reverse("search:results")
    client.get(url, {"q": "vuosiloma"})  # warm the caches (content types, session)
    # The session and the person, the candidates, their entries' facets, the visible news
    # (with their addresses' slugs) and meetings, the page's entries, the meetings' address
    # values, the group names.
    with django_assert_max_num_queries(9) as few:
        client.get(url, {"q": "vuosiloma"})
    for n in range(3, 30):
        MeetingFactory(group=groups["b"], title=f"Vuosilomakokous {n}")
        NewsItemFactory(title=f"Vuosilomat {n}", slug=f"loma-{n}")
    rebuild()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"q": "vuosiloma"})
    assert response.context["search"].total == 60


def test_pagination_pages_the_visible_results(client, people, groups):
    for n in range(25):
        NewsItemFactory(title=f"Palkkaus {n}", slug=f"palkka-{n}")
    rebuild()
    first = _get(client, people, "anonymous", q="palkkaus")
    assert first.context["page_obj"].paginator.num_pages == 2
    second = _get(client, people, "anonymous", q="palkkaus", page=2)
    assert len(second.context["hits"]) == 5
    api = APIClient()
    data = api.get("/api/v1/search/", {"q": "palkkaus", "page": 2, "page_size": 20}).json()
    assert data["count"] == 25 and len(data["results"]) == 5
    hit = api.get("/api/v1/search/", {"q": "palkkauksen", "page_size": 1}).json()["results"][0]
    assert set(hit) == {
        "type", "type_label", "id", "title", "snippet", "language", "web_url", "date", "group",
        "score",
    }  # fmt: skip
    assert hit["type"] == "news.newsitem"
    assert hit["web_url"].startswith("http")
    assert "<mark>" not in hit["title"]
