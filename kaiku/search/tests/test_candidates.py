"""Only the best ``CANDIDATES`` matches are checked, counted and faceted; past them the page
and the API say the total is a lower bound."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from kaiku.core.content import Visibility
from kaiku.news.tests.factories import NewsItemFactory
from kaiku.programme.tests.factories import MeetingFactory
from kaiku.search import selectors
from kaiku.search.analysis import parse_query
from kaiku.search.indexing import rebuild
from kaiku.search.models import SearchEntry
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


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_more_is_never_said_for_matches_the_viewer_may_not_see(people, groups, role, monkeypatch):
    """Past the cut, "more than … results" would tell that a word exists in items the viewer
    may not see; it is said only when the viewer sees a good share of the candidates."""
    for n in range(4):
        MeetingFactory(
            group=groups["a"], title=f"Salainen ydinhanke {n}", visibility=Visibility.MEMBERS
        )
    rebuild()
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    search = Search(viewer=people[role], query=parse_query("ydinhanke"))
    assert search.total == 0 and search.more is False
    member = Search(viewer=people["member_a"], query=parse_query("ydinhanke"))
    assert member.total == 2 and member.more is True


def test_the_window_ranks_recent_matches_and_older_title_matches(groups, monkeypatch):
    """Past ``WINDOW`` matches, a search ranks the most recent ones and the most recent title
    matches: an old item titled with the word still competes with newer mentions."""
    from kaiku.search import fulltext

    old = NewsItemFactory(title="Vuosilomat siirrossa", slug="vanha-loma")
    for n in range(5):
        MeetingFactory(group=groups["a"], title=f"Kokous {n}", agenda="Käsitellään vuosilomat.")
    rebuild()
    monkeypatch.setattr(fulltext, "WINDOW", 2)
    found, windowed = fulltext.best(parse_query("vuosilomat"), 10)
    assert windowed is True
    entries = dict(SearchEntry.objects.values_list("pk", "object_id"))
    assert entries[found[0][0]] == old.pk  # the title match, though older, ranks first
    assert len(found) == 3  # the two newest mentions and the title match


def test_facet_words_in_a_query_are_ignored(groups):
    MeetingFactory(group=groups["a"], title="Vuosilomakokous")
    rebuild()
    assert parse_query(f"kaikuft{SearchEntry.objects.first().content_type_id}") is None
    query = parse_query("vuosiloma kaikufy2026")
    assert query.words == ("vuosiloma",)


def test_the_migration_gives_old_entries_facet_terms(groups):
    """Entries written before facet terms (and a comment-like text in the title terms) are
    updated by migration 0004, after which filtered full-text queries find them."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from kaiku.search import fulltext

    migration = import_module("kaiku.search.migrations.0004_facet_terms")
    meeting = MeetingFactory(group=groups["a"], title="Vuosilomakokous")
    rebuild()
    entry = SearchEntry.objects.get(
        object_id=meeting.pk, content_type__model="meeting", content_type__app_label="programme"
    )
    SearchEntry.objects.filter(pk=entry.pk).update(body_terms="", title_terms="vuosiloma")
    in_group = parse_query("vuosiloma").filtered([f"kaikufg{groups['a'].pk}"])
    assert fulltext.best(in_group, 10) == ([], False)
    editor = SimpleNamespace(connection=connection)  # all the migration uses of one
    migration.forwards(apps, editor)
    migration.forwards(apps, editor)  # a second run adds nothing
    entry.refresh_from_db()
    assert entry.body_terms.count("kaikuft") == 1
    assert [pk for pk, _score in fulltext.best(in_group, 10)[0]] == [entry.pk]
