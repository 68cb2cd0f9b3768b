"""Discussion pages: who may list, read, start, edit, lock and pin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaiku.core.content import Visibility
from kaiku.discussions import services
from kaiku.discussions.models import Discussion

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(people, group, closed_group):
    programme = group.programme
    return {
        "programme": services.discussion_create(
            actor=people["staff"], programme=programme, title="Ohjelman keskustelu", body="Hei"
        ),
        "open": services.discussion_create(
            actor=people["staff"], programme=programme, group=group, title="Avoin aihe", body="A"
        ),
        "closed": services.discussion_create(
            actor=people["author"],
            programme=programme,
            group=closed_group,
            title="Suljettu aihe",
            body="S",
        ),  # fmt: skip
    }


@pytest.mark.parametrize(
    ("viewer", "sees_closed"),
    [("anonymous", False), ("staff", False), ("member", True), ("moderator", False),
     ("admin", True)],
)  # fmt: skip
def test_members_only_groups_discussions_stay_members_only(
    client, people, threads, viewer, sees_closed
):
    if people[viewer]:
        client.force_login(people[viewer])
    closed = threads["closed"]
    assert closed.visibility == Visibility.MEMBERS  # clamped to the group
    assert client.get(closed.get_absolute_url()).status_code == (200 if sees_closed else 404)
    listing = client.get(reverse("discussions:programme", args=["te24"])).content.decode()
    assert ("Suljettu aihe" in listing) is sees_closed
    assert "Avoin aihe" in listing
    group_list = client.get(reverse("discussions:group", args=["te24", "suljettu"]))
    assert group_list.status_code == (200 if sees_closed else 404)


def test_start_a_discussion_in_a_group(client, people, group):
    url = reverse("discussions:group_create", args=["te24", "avoin"])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(people["staff"])
    response = client.post(
        url, {"title": "Uusi aihe", "body": "Mitä mieltä?", "visibility": "public"}
    )
    discussion = Discussion.objects.get()
    assert response["Location"] == discussion.get_absolute_url()
    assert discussion.group == group and discussion.author == people["staff"]


def test_a_non_member_cannot_start_one_in_a_members_only_group(client, people, closed_group):
    client.force_login(people["staff"])
    url = reverse("discussions:group_create", args=["te24", "suljettu"])
    assert client.post(url, {"title": "X", "body": "Y", "visibility": "members"}).status_code == 404
    assert not Discussion.objects.exists()


def test_members_visibility_is_refused_outside_a_group(client, people, group):
    client.force_login(people["staff"])
    url = reverse("discussions:programme_create", args=["te24"])
    response = client.post(url, {"title": "X", "body": "Y", "visibility": "members"})
    assert response.status_code == 400
    assert not Discussion.objects.exists()


def test_empty_title_is_an_error(client, people, group):
    client.force_login(people["staff"])
    url = reverse("discussions:programme_create", args=["te24"])
    response = client.post(url, {"title": "", "body": "Y", "visibility": "public"})
    assert response.status_code == 400
    assert b"field__error" in response.content


def test_only_the_author_edits(client, people, threads):
    discussion = threads["open"]
    url = reverse("discussions:update", args=[discussion.pk])
    client.force_login(people["member"])
    assert (
        client.post(url, {"title": "Kaapattu", "body": "X", "visibility": "public"}).status_code
        == 404
    )
    client.force_login(people["staff"])
    response = client.post(url, {"title": "Korjattu", "body": "X", "visibility": "public"})
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.title == "Korjattu"


@pytest.mark.parametrize(
    ("viewer", "allowed"), [("staff", False), ("moderator", True), ("admin", True)]
)
def test_moderators_lock_and_pin(client, people, threads, viewer, allowed):
    discussion = threads["open"]
    client.force_login(people[viewer])
    response = client.post(reverse("discussions:moderate", args=[discussion.pk]), {"locked": "1"})
    assert response.status_code == (302 if allowed else 403)
    discussion.refresh_from_db()
    assert discussion.locked is allowed


def test_the_list_costs_the_same_queries_whatever_its_length(
    client, people, group, django_assert_max_num_queries
):
    for i in range(30):
        services.discussion_create(
            actor=people["staff"], programme=group.programme, group=group, title=f"A{i}", body="B"
        )
    client.force_login(people["staff"])
    url = reverse("discussions:programme", args=["te24"])
    client.get(url)
    # 13: the menu asks whether onboarding has something for the person (one EXISTS).
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
