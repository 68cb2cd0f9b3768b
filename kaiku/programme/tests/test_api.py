from __future__ import annotations

import pytest
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


def _client(people, who):
    client = APIClient()
    if people[who] is not None:
        token = token_create(user=people[who], actor=None)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _suffixes(rows):
    return {row["title"].split()[-1] for row in rows}


@pytest.mark.parametrize("who", EXPECTED)
def test_working_group_items_follow_visibility(people, items, group, who):
    client = _client(people, who)
    response = client.get(f"/api/v1/working-groups/{group.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert _suffixes(data["meetings"]) == EXPECTED[who]
    assert _suffixes(data["milestones"]) == EXPECTED[who]
    assert _suffixes(data["memos"]) == EXPECTED[who]
    meetings = client.get("/api/v1/meetings/", {"group": group.pk}).json()["results"]
    assert _suffixes(meetings) == EXPECTED[who]


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
def test_group_only_group_and_its_meetings_are_404_for_outsiders(people, group, who, status):
    group.visibility = Visibility.MEMBERS
    group.save()
    meeting = MeetingFactory(group=group)
    client = _client(people, who)
    assert client.get(f"/api/v1/working-groups/{group.pk}/").status_code == status
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == status
    listed = client.get("/api/v1/working-groups/").json()["results"]
    assert (group.pk in {row["id"] for row in listed}) is (status == 200)


def test_programme_endpoints(group):
    client = APIClient()
    data = client.get("/api/v1/programmes/").json()
    assert [row["slug"] for row in data["results"]] == ["te24"]
    detail = client.get("/api/v1/programmes/te24/").json()
    assert detail["web_url"].endswith("/fi/programmes/te24/")
    assert client.get("/api/v1/programmes/nope/").status_code == 404


def test_working_group_payload(group):
    GroupTaskFactory(group=group, title="Linjata muutosvalmennusta")
    GroupGoalFactory(group=group, title="Hyvä yhteistyö")
    MembershipFactory(group=group, role="secretary", person__full_name="Selina Sassila")
    data = APIClient().get(f"/api/v1/working-groups/{group.pk}/").json()
    assert data["programme"] == "te24"
    assert data["tasks"][0]["title"] == "Linjata muutosvalmennusta"
    assert data["goals"][0]["title"] == "Hyvä yhteistyö"
    member = data["members"][0]
    assert member["name"] == "Selina Sassila" and member["role"] == "secretary"
    assert set(member["represents"]) == {"slug", "name"}
    assert "email" not in member
    child = WorkingGroupFactory(programme=group.programme, parent=group)
    assert APIClient().get(f"/api/v1/working-groups/{child.pk}/").json()["parent"] == group.pk


def test_filters_and_bad_input(group):
    MeetingFactory(group=group, status="held")
    MeetingFactory(group=group, status="planned")
    client = APIClient()
    assert len(client.get("/api/v1/meetings/", {"status": "held"}).json()["results"]) == 1
    assert len(client.get("/api/v1/meetings/", {"programme": "te24"}).json()["results"]) == 2
    assert client.get("/api/v1/working-groups/", {"programme": "te24"}).status_code == 200
    bad = [
        {"status": "x"},
        {"status": ""},
        {"group": "abc"},
        {"group": "1.5"},
        {"group": str(2**70)},
        {"starts_after": "eilen"},
        {"starts_before": ""},
    ]
    for params in bad:
        response = client.get("/api/v1/meetings/", params)
        assert response.status_code == 400, params
        assert set(response.json()) == {"message", "extra"}
    assert client.get("/api/v1/working-groups/", {"programme": "nope"}).status_code == 400
    assert client.get(f"/api/v1/meetings/{2**70}/").status_code == 404
    assert client.get("/api/v1/working-groups/99999/").status_code == 404
    # A hidden group's id gives an empty list, like an unknown one.
    hidden = WorkingGroupFactory(visibility=Visibility.MEMBERS)
    MeetingFactory(group=hidden)
    assert client.get("/api/v1/meetings/", {"group": hidden.pk}).json()["results"] == []


def test_api_is_read_only(people, group):
    client = _client(people, "admin")
    assert client.post("/api/v1/meetings/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v1/working-groups/{group.pk}/").status_code == 405


EXPAND = "meetings,memos,milestones,tasks,members"


def test_working_group_list_query_count_is_constant(people, django_assert_max_num_queries):
    client = _client(people, "member")

    grown = {}  # group name -> the title of each of its items

    def grow(n):
        for _ in range(n):
            g = WorkingGroupFactory()
            grown[g.name] = {
                "meetings": MeetingFactory(group=g).title,
                "memos": MemoFactory(group=g).title,
                "milestones": MilestoneFactory(group=g).title,
                "tasks": GroupTaskFactory(group=g).title,
            }
            MembershipFactory(group=g)

    def assert_lists_all(response):
        assert response.status_code == 200
        rows = {row["name"]: row for row in response.json()["results"]}
        assert set(grown) <= set(rows)
        for name, titles in grown.items():
            for key, title in titles.items():
                assert [item["title"] for item in rows[name][key]] == [title], (name, key)
            assert len(rows[name]["members"]) == 1

    grow(2)
    with django_assert_max_num_queries(30) as small:
        response = client.get("/api/v1/working-groups/", {"expand": EXPAND})
    assert_lists_all(response)
    grow(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/api/v1/working-groups/", {"expand": EXPAND})
    assert_lists_all(response)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/api/v1/meetings/")
    assert response.status_code == 200
    titles = {row["title"] for row in response.json()["results"]}
    assert titles == {t["meetings"] for t in grown.values()}
