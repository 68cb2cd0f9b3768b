from __future__ import annotations

import pytest

from kaiku.search.analysis import parse_query
from kaiku.search.selectors import Search


def titles(viewer, text, **filters):
    search = Search(viewer=viewer, query=parse_query(text), **filters)
    page = search.page(1)
    return search, [hit.obj for hit in page.object_list]


@pytest.mark.django_db
def test_inflected_words_find_the_base_form_and_back(content, people):
    _search, found = titles(None, "kunta")
    assert content["news"] in found and content["meeting"] in found
    _search, found = titles(None, "kunnan")
    assert content["news"] in found
    _search, found = titles(None, "vuosiloma")
    assert found == [content["news"]]


ROLES = ["anonymous", "staff", "member_a", "member_b", "moderator", "admin"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_role_finds_what_is_hidden_from_it(content, people, role):
    """ "salaisuussana" is only in hidden items: members-only (found by group A's members
    and the administrator), staff-only (found when signed in), drafts, scheduled, deleted
    and within a deleted group (found by no one)."""
    search, found = titles(people[role], "salaisuussana")
    never = ["draft_news", "scheduled_news", "draft_memo", "deleted_memo", "child_of_deleted"]
    for name in never:
        assert content[name] not in found, name
    expected = set()
    if role != "anonymous":
        expected.add(content["staff_news"])
    if role in ("member_a", "admin"):
        expected.add(content["members_meeting"])
    assert set(found) == expected
    # Counts and facets say no more than the results.
    assert search.total == len(expected) == search.paginator.count
    assert sum(facet.count for facet in search.types) == len(expected)
    assert sum(facet.count for facet in search.years) == len(expected)


@pytest.mark.django_db
def test_members_only_group_hides_its_public_items_and_its_facet(content, people, groups):
    from kaiku.core.content import Visibility
    from kaiku.programme.models import WorkingGroup

    WorkingGroup.objects.filter(pk=groups["a"].pk).update(visibility=Visibility.MEMBERS)
    search, found = titles(people["member_b"], "kunta")
    assert content["meeting"] not in found
    assert str(groups["a"].pk) not in [facet.value for facet in search.groups]
    search, found = titles(people["member_a"], "kunta")
    assert content["meeting"] in found
    assert str(groups["a"].pk) in [facet.value for facet in search.groups]


@pytest.mark.django_db
def test_facets_count_and_filter(content, people, groups):
    search, found = titles(None, "kunta")
    counts = {facet.value: facet.count for facet in search.types}
    assert counts == {"news.newsitem": 1, "programme.meeting": 1}
    search, found = titles(None, "kunta", types=["programme.meeting"])
    assert found == [content["meeting"]]
    # The type facet still offers the other types (counted without its own filter).
    assert {facet.value for facet in search.types} == {"news.newsitem", "programme.meeting"}
    search, found = titles(None, "kunta", group=groups["a"].pk)
    assert found == [content["meeting"]]
    assert [facet.label for facet in search.groups] == [groups["a"].name]
    year = content["news"].published_at.year
    search, found = titles(None, "kunta", year=year, types=["news.newsitem"])
    assert found == [content["news"]]


@pytest.mark.django_db
def test_compounds_and_all_words(content):
    _search, found = titles(None, "asiakastietojärjestelmän")
    assert found == [content["memo"]]
    # Every word must match.
    _search, found = titles(None, "kunta asiakastietojärjestelmä")
    assert found == []


@pytest.mark.django_db
def test_snippet_is_escaped_and_marks_inflected_words(content):
    from kaiku.news.models import NewsItem
    from kaiku.search.indexing import reindex

    NewsItem.objects.filter(pk=content["news"].pk).update(
        body="<script>alert(1)</script> Kunnan vuosilomat & muuta", body_html=""
    )
    reindex(NewsItem, [content["news"].pk])
    search = Search(viewer=None, query=parse_query("kunta"))
    hit = next(h for h in search.page(1).object_list if h.obj == content["news"])
    assert "<script" not in hit.snippet
    assert "&lt;script" in hit.snippet
    assert "<mark>Kunnan</mark>" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark>Kunnat</mark>" in hit.title


@pytest.mark.django_db
def test_saving_and_deleting_reindex_after_the_commit(groups, django_capture_on_commit_callbacks):
    from kaiku.programme.tests.factories import MeetingFactory
    from kaiku.search.models import SearchEntry

    with django_capture_on_commit_callbacks(execute=True):
        meeting = MeetingFactory(group=groups["a"], title="Lomautuskokous")
    assert titles(None, "lomautuskokouksen")[1] == [meeting]
    with django_capture_on_commit_callbacks(execute=True):
        meeting.title = "Palkkakokous"
        meeting.save()
    assert titles(None, "lomautuskokous")[1] == []
    assert titles(None, "palkkakokouksessa")[1] == [meeting]
    with django_capture_on_commit_callbacks(execute=True):
        meeting.delete()
    assert not SearchEntry.objects.filter(object_id=meeting.pk, title_fi="Palkkakokous").exists()
    assert titles(None, "palkkakokous")[1] == []


@pytest.mark.django_db
def test_nothing_is_indexed_before_the_commit(groups, django_capture_on_commit_callbacks):
    from kaiku.programme.tests.factories import MeetingFactory
    from kaiku.search.models import SearchEntry

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        MeetingFactory(group=groups["a"], title="Kesken")
    assert callbacks
    assert not SearchEntry.objects.filter(title_fi="Kesken").exists()


@pytest.mark.django_db
def test_index_on_commit_batches_bulk_changes(groups, django_capture_on_commit_callbacks):
    from kaiku.core.search import index_on_commit
    from kaiku.programme.models import Meeting
    from kaiku.programme.tests.factories import MeetingFactory

    meetings = MeetingFactory.create_batch(3, group=groups["a"], title="Vanha")
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(title_fi="Uusiotsikko")
        index_on_commit(Meeting, [m.pk for m in meetings])
    assert len(titles(None, "uusiotsikko")[1]) == 3


@pytest.mark.django_db
def test_rebuild_is_idempotent_and_drops_orphans(content):
    from kaiku.search.indexing import rebuild
    from kaiku.search.models import SearchEntry

    before = SearchEntry.objects.count()
    rebuild()
    assert SearchEntry.objects.count() == before
    SearchEntry.objects.create(content_type_id=content["news"].pk * 0 + _ct_news(), object_id=10**9)
    rebuild()
    assert SearchEntry.objects.count() == before


def _ct_news():
    from django.contrib.contenttypes.models import ContentType

    from kaiku.news.models import NewsItem

    return ContentType.objects.get_for_model(NewsItem).pk


def test_queries_cannot_inject_syntax():
    query = parse_query('kunta" OR * NEAR(x) -y & | ! :*')
    for group in query.alternatives:
        for term in group:
            assert term.isalnum()
    assert parse_query("   ...  ") is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_a_restriction_taking_now_is_checked_at_the_time_of_the_search(content, people, role):
    """A model's ``restrict(viewer, now)`` is given the search's time (and is kept with it as
    a value on PostgreSQL): a scheduled item is found once that time has passed its
    publication, not before."""
    import datetime

    from django.utils import timezone

    scheduled, draft = content["scheduled_news"], content["draft_news"]
    for now in (None, timezone.now() + datetime.timedelta(days=1)):
        search = Search(viewer=people[role], query=parse_query("salaisuussana"), now=now)
        found = [hit.obj for hit in search.page(1).object_list]
        assert scheduled not in found and draft not in found
    later = timezone.now() + datetime.timedelta(days=4)
    search = Search(viewer=people[role], query=parse_query("ajastettu"), now=later)
    assert [hit.obj for hit in search.page(1).object_list] == [scheduled]
    assert search.total == 1
