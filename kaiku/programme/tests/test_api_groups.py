"""The working-group list is compact; a group's members, meetings, milestones, memos, tasks
and goals are read from their own endpoints or asked for with ``?expand=``."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from kaiku.accounts.services import token_create
from kaiku.core.content import Visibility

from .factories import (
    GroupGoalFactory,
    GroupTaskFactory,
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    WorkingGroupFactory,
)
from .test_selectors import EXPECTED

pytestmark = pytest.mark.django_db

COMPACT_FIELDS = {
    "id",
    "slug",
    "name",
    "programme",
    "parent",
    "visibility",
    "counts",
    "url",
    "web_url",
    "links",
}
COLLECTIONS = ["members", "meetings", "milestones", "memos", "tasks", "goals"]


def _client(people, who):
    client = APIClient()
    if people[who] is not None:
        token = token_create(user=people[who], actor=None)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _suffixes(rows):
    return {row["title"].split()[-1] for row in rows}


def _row(response, group):
    assert response.status_code == 200, response.content
    return next(row for row in response.json()["results"] if row["id"] == group.pk)


def test_list_is_compact_with_counts_and_links(group):
    GroupTaskFactory(group=group)
    MembershipFactory(group=group)
    MeetingFactory(group=group)
    MeetingFactory(group=group, visibility=Visibility.STAFF)
    row = _row(APIClient().get("/api/v1/working-groups/"), group)
    assert set(row) == COMPACT_FIELDS
    assert row["counts"] == {
        "members": 1,
        "meetings": 1,  # the staff-only meeting is not counted for an anonymous caller
        "milestones": 0,
        "memos": 0,
        "tasks": 1,
        "goals": 0,
    }
    for name in COLLECTIONS:
        assert row["links"][name].endswith(f"/api/v1/working-groups/{group.pk}/{name}/")
        assert row["links"][name].startswith("http")


@override_settings(SITE_URL="https://kaiku.example.fi")
def test_web_url_is_absolute(group):
    row = _row(APIClient().get("/api/v1/working-groups/"), group)
    assert row["web_url"] == f"https://kaiku.example.fi{group.get_absolute_url()}"
    meeting = MeetingFactory(group=group)
    data = APIClient().get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert data["web_url"].startswith("https://kaiku.example.fi/")
    programme = APIClient().get("/api/v1/programmes/te24/").json()
    assert programme["web_url"] == "https://kaiku.example.fi/fi/programmes/te24/"


def test_expand_adds_the_asked_collections(group):
    MeetingFactory(group=group, title="Kokous public")
    MembershipFactory(group=group, person__full_name="Selina Sassila")
    response = APIClient().get("/api/v1/working-groups/", {"expand": "members,meetings"})
    row = _row(response, group)
    assert set(row) == COMPACT_FIELDS | {"members", "meetings"}
    assert [m["name"] for m in row["members"]] == ["Selina Sassila"]
    assert [m["title"] for m in row["meetings"]] == ["Kokous public"]


@pytest.mark.parametrize("expand", ["nope", "members,nope", "members,,", "MEMBERS"])
def test_unknown_expand_is_400_with_the_allowed_values(group, expand):
    response = APIClient().get("/api/v1/working-groups/", {"expand": expand})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "extra"}
    messages = " ".join(body["extra"]["fields"]["expand"])
    assert "members" in messages and "meetings" in messages


@pytest.mark.parametrize("who", EXPECTED)
def test_nested_collections_follow_visibility(people, items, group, who):
    client = _client(people, who)
    for name in ["meetings", "milestones", "memos"]:
        response = client.get(f"/api/v1/working-groups/{group.pk}/{name}/")
        assert response.status_code == 200, (name, response.content)
        assert _suffixes(response.json()["results"]) == EXPECTED[who], name
    row = _row(client.get("/api/v1/working-groups/"), group)
    assert row["counts"]["meetings"] == len(EXPECTED[who])
    expanded = _row(client.get("/api/v1/working-groups/", {"expand": "meetings,memos"}), group)
    assert _suffixes(expanded["meetings"]) == EXPECTED[who]
    assert _suffixes(expanded["memos"]) == EXPECTED[who]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("staff", 404),
        ("other", 404),
        ("member", 200),
        ("secretary", 200),
        ("admin", 200),
    ],
)
def test_nested_collections_of_a_hidden_group_are_404(people, group, who, status):
    group.visibility = Visibility.MEMBERS
    group.save()
    MeetingFactory(group=group)
    MembershipFactory(group=group)
    client = _client(people, who)
    for name in COLLECTIONS:
        response = client.get(f"/api/v1/working-groups/{group.pk}/{name}/")
        assert response.status_code == status, name


def test_nested_members_tasks_and_goals(group):
    GroupTaskFactory(group=group, title="Linjata")
    GroupGoalFactory(group=group, title="Yhteistyö")
    MembershipFactory(group=group, role="secretary", person__full_name="Selina Sassila")
    client = APIClient()
    members = client.get(f"/api/v1/working-groups/{group.pk}/members/").json()["results"]
    assert [(m["name"], m["role"]) for m in members] == [("Selina Sassila", "secretary")]
    assert "email" not in members[0]
    tasks = client.get(f"/api/v1/working-groups/{group.pk}/tasks/").json()["results"]
    assert [t["title"] for t in tasks] == ["Linjata"]
    goals = client.get(f"/api/v1/working-groups/{group.pk}/goals/").json()["results"]
    assert [g["title"] for g in goals] == ["Yhteistyö"]
    assert client.get("/api/v1/working-groups/99999/members/").status_code == 404


def test_list_query_count_is_constant_with_expand(people, django_assert_max_num_queries):
    client = _client(people, "member")

    grown = set()

    def grow(n):
        for _ in range(n):
            g = WorkingGroupFactory()
            grown.add(g.pk)
            MeetingFactory(group=g)
            MemoFactory(group=g)
            MilestoneFactory(group=g)
            GroupTaskFactory(group=g)
            GroupGoalFactory(group=g)
            MembershipFactory(group=g)

    expand = ",".join(COLLECTIONS)
    grow(2)
    with django_assert_max_num_queries(30) as compact:
        response = client.get("/api/v1/working-groups/")
    assert response.status_code == 200
    with django_assert_max_num_queries(30) as expanded:
        response = client.get("/api/v1/working-groups/", {"expand": expand})
    assert response.status_code == 200
    grow(15)
    with django_assert_max_num_queries(len(compact.captured_queries)):
        response = client.get("/api/v1/working-groups/")
    rows = [row for row in response.json()["results"] if row["id"] in grown]
    assert len(rows) == 17
    assert all(row["counts"] == dict.fromkeys(COLLECTIONS, 1) for row in rows)
    with django_assert_max_num_queries(len(expanded.captured_queries)):
        response = client.get("/api/v1/working-groups/", {"expand": expand})
    rows = [row for row in response.json()["results"] if row["id"] in grown]
    assert len(rows) == 17
    assert all(len(row[name]) == 1 for row in rows for name in COLLECTIONS)


def test_detail_stays_rich(group):
    MembershipFactory(group=group)
    data = APIClient().get(f"/api/v1/working-groups/{group.pk}/").json()
    for name in COLLECTIONS:
        assert isinstance(data[name], list), name
    assert data["counts"]["members"] == 1


def test_fast_representation_is_drfs(people, items, group, monkeypatch):
    """kaiku.core.api.fast gives exactly what DRF's own to_representation gives."""
    from kaiku.core.api.fast import FastRepresentationMixin, generic_representation

    GroupTaskFactory(group=group)
    MembershipFactory(group=group)
    client = _client(people, "member")
    urls = [
        "/api/v1/working-groups/",
        "/api/v1/working-groups/?expand=members,meetings,milestones,memos,tasks,goals",
        f"/api/v1/working-groups/{group.pk}/",
        "/api/v1/programmes/",
    ]
    for url in urls:
        fast = client.get(url).content
        with monkeypatch.context() as patch:
            patch.setattr(FastRepresentationMixin, "to_representation", generic_representation)
            assert client.get(url).content == fast, url


def test_url_templates_are_found():
    """The API's addresses are filled into reverse_cached's templates (kaiku.core.api.fast):
    a route without one would silently fall back to reverse() for every row."""
    from django.utils import translation

    from kaiku.core.api.fast import path_template

    assert path_template("workinggroup-members", ["pk"]) == [
        "/api/v1/working-groups/",
        "pk",
        "/members/",
    ]
    with translation.override("fi"):
        parts = path_template("questions:detail", ["pk"])
    assert parts is not None and parts[1::2] == ["pk"], parts


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_prepared_list_is_drfs(people, group, items, language):
    """The list without ?expand=, filters or ordering is written from plain rows of kept
    queries (``listed_groups``); ``?format=json`` takes DRF's path through
    WorkingGroupListSerializer: the same answer for every viewer, page and language (names
    picked with modeltranslation's fallbacks, a hidden parent's id left out)."""
    from kaiku.core.tests.prepared_lists import assert_prepared_list_is_drfs

    hidden = WorkingGroupFactory(
        programme=group.programme, name="Piilotettu", visibility=Visibility.MEMBERS
    )
    WorkingGroupFactory(programme=group.programme, parent=hidden, name="Alaryhmä")
    WorkingGroupFactory(parent=group, name_fi="Ålands grupp", name_sv="Åländsk", name_en="")
    WorkingGroupFactory(name_fi="Äänestys", name_sv="", name_en="Voting", order=2)
    MembershipFactory(group=hidden, person=people["member"])
    GroupTaskFactory(group=group)
    GroupGoalFactory(group=group)
    queries = ("", "?page_size=2", "?page_size=2&page=2", "?page_size=2&page=9", "?page=2")
    for who in EXPECTED:
        assert_prepared_list_is_drfs(
            _client(people, who), "/api/v1/working-groups/", queries, HTTP_ACCEPT_LANGUAGE=language
        )


def test_prepared_list_reads_its_page_and_count_in_two_queries(
    group, items, django_assert_num_queries
):
    for _ in range(3):
        MeetingFactory(group=WorkingGroupFactory())
    client = APIClient()
    client.get("/api/v1/working-groups/")  # the kept queries are built on the first call
    with django_assert_num_queries(2):
        response = client.get("/api/v1/working-groups/")
    assert response.json()["count"] == 4
    assert [row["counts"]["meetings"] for row in response.json()["results"]].count(1) == 4
