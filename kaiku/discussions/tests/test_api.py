"""``/api/v1/discussions/`` and ``/api/v1/comments/``."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kaiku.discussions import services
from kaiku.discussions.models import Comment, Discussion
from kaiku.programme.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _api(person=None):
    client = APIClient()
    if person is not None:
        client.force_authenticate(person)
    return client


def test_comments_list_with_their_target_and_visibility(people, news, closed_group):
    meeting = MeetingFactory(group=closed_group)
    services.comment_create(actor=people["staff"], target=news, body="Julkinen kommentti")
    services.comment_create(actor=people["member"], target=meeting, body="Salainen kommentti")
    anonymous = _api().get("/api/v1/comments/").json()
    assert [c["body"] for c in anonymous["results"]] == ["Julkinen kommentti"]
    on = anonymous["results"][0]["on"]
    assert on["type"] == "news.newsitem" and on["id"] == news.pk
    assert on["title"] == "Julkinen uutinen" and on["web_url"].endswith("/news/julkinen/")
    member = _api(people["member"]).get("/api/v1/comments/").json()
    assert len(member["results"]) == 2
    filtered = (
        _api(people["member"])
        .get("/api/v1/comments/", {"content_type": "programme.meeting", "object_id": meeting.pk})
        .json()
    )
    assert [c["body"] for c in filtered["results"]] == ["Salainen kommentti"]
    assert _api().get("/api/v1/comments/", {"content_type": "nope.nope"}).status_code == 400


def test_one_objects_comments_are_those_of_the_general_rule(people, news, closed_group):
    """``?content_type=&object_id=`` (one object's thread, read without a subquery per
    comment) lists what the general rule lists for that object, for every viewer: hidden
    comments only for their author and moderators, removed ones for nobody, nothing on an
    object the viewer may not see."""
    from django.utils import timezone

    meeting = MeetingFactory(group=closed_group)
    for target in (news, meeting):
        services.comment_create(actor=people["author"], target=target, body="Eka")
        hidden = services.comment_create(actor=people["author"], target=target, body="Piilotettu")
        Comment.objects.filter(pk=hidden.pk).update(
            hidden_at=timezone.now(), hidden_by=people["moderator"]
        )
        removed = services.comment_create(actor=people["member"], target=target, body="Poistettu")
        services.comment_remove(actor=people["member"], comment=removed)
        services.comment_create(actor=people["member"], target=target, body="Toka")
    listed = {}
    for who in (None, "staff", "member", "author", "moderator"):
        client = _api(people[who] if who else None)
        for target, label in ((news, "news.newsitem"), (meeting, "programme.meeting")):
            general = client.get("/api/v1/comments/", {"content_type": label}).json()["results"]
            expected = [c for c in general if c["on"]["id"] == target.pk]
            thread = client.get(
                "/api/v1/comments/", {"content_type": label, "object_id": target.pk}
            ).json()
            assert thread["results"] == expected, (who, label)
            assert thread["count"] == len(expected)
            listed[who, label] = [c["body"] for c in expected]
    assert listed[None, "news.newsitem"] == ["Eka", "Toka"]
    assert listed[None, "programme.meeting"] == []
    assert listed["member", "programme.meeting"] == ["Eka", "Toka"]
    assert listed["author", "programme.meeting"] == ["Eka", "Piilotettu", "Toka"]
    assert listed["moderator", "news.newsitem"] == ["Eka", "Piilotettu", "Toka"]
    assert (
        _api().get("/api/v1/comments/", {"content_type": "news.newsitem", "object_id": 0})
    ).status_code == 400


def test_one_objects_comments_in_three_queries(people, news, django_assert_num_queries):
    for body in ("Eka", "Toka", "Kolmas"):
        services.comment_create(actor=people["staff"], target=news, body=body)
    client = _api()
    # The object (may the caller see it?), the count, the page (with the authors).
    with django_assert_num_queries(3):
        page = client.get(
            "/api/v1/comments/", {"content_type": "news.newsitem", "object_id": news.pk}
        )
    assert [c["body"] for c in page.json()["results"]] == ["Eka", "Toka", "Kolmas"]


@pytest.mark.parametrize("who", [None, "staff", "author", "moderator"])
def test_one_objects_prepared_thread_is_drfs(people, news, who):
    """One object's thread reads its object, page and count by kept queries
    (PreparedListMixin); ``?format=json`` takes DRF's own path: the same answer."""
    from django.utils import timezone

    for body in ("Eka", "Toka", "Kolmas"):
        services.comment_create(actor=people["author"], target=news, body=body)
    hidden = services.comment_create(actor=people["author"], target=news, body="Piilotettu")
    Comment.objects.filter(pk=hidden.pk).update(
        hidden_at=timezone.now(), hidden_by=people["moderator"]
    )
    client = _api(people[who] if who else None)
    base = f"/api/v1/comments/?content_type=news.newsitem&object_id={news.pk}"
    for query in ("", "&page_size=2", "&page_size=2&page=2", "&page_size=2&page=3", "&page=2"):
        prepared = client.get(base + query)
        drf = client.get(base + query + "&format=json")
        assert prepared.status_code == drf.status_code, query
        assert prepared.content == drf.content.replace(b"&format=json", b""), query


@pytest.mark.parametrize("name", ["parent", "object_id"])
@pytest.mark.parametrize("value", ["", "x", "0", str(2**63)])
def test_a_filter_that_is_not_a_whole_number_is_refused(people, name, value):
    """An empty ``?parent=`` was taken for no filter (the schema says integer)."""
    assert _api().get("/api/v1/comments/", {name: value}).status_code == 400


def test_create_a_comment_with_an_idempotency_key(people, news):
    client = _api(people["staff"])
    data = {"content_type": "news.newsitem", "object_id": news.pk, "body": "API:n kautta"}
    first = client.post("/api/v1/comments/", data, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post("/api/v1/comments/", data, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert Comment.objects.count() == 1
    assert _api().post("/api/v1/comments/", data, format="json").status_code in (401, 403)


def test_a_target_the_caller_may_not_see_is_404(people, closed_group):
    meeting = MeetingFactory(group=closed_group)
    data = {"content_type": "programme.meeting", "object_id": meeting.pk, "body": "Hei"}
    assert _api(people["staff"]).post("/api/v1/comments/", data, format="json").status_code == 404
    assert _api(people["member"]).post("/api/v1/comments/", data, format="json").status_code == 201


def test_posting_too_fast_is_429(people, news, real_rate_limits):
    person = people["staff"]
    person.date_joined = person.date_joined.replace(year=2020)
    person.save()
    client = _api(person)
    data = {"content_type": "news.newsitem", "object_id": news.pk, "body": "Eka"}
    assert client.post("/api/v1/comments/", data, format="json").status_code == 201
    response = client.post("/api/v1/comments/", {**data, "body": "Toka"}, format="json")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Comment.objects.count() == 1


def test_only_the_author_edits_through_the_api(people, news):
    comment = services.comment_create(actor=people["staff"], target=news, body="Alku")
    url = f"/api/v1/comments/{comment.pk}/"
    assert _api(people["member"]).patch(url, {"body": "X"}, format="json").status_code == 403
    response = _api(people["staff"]).patch(url, {"body": "Uusi"}, format="json")
    assert response.status_code == 200
    assert response.json()["edited_at"] is not None


def test_discussions_api(people, group, closed_group):
    client = _api(people["member"])
    made = client.post(
        "/api/v1/discussions/",
        {"programme": "te24", "group": closed_group.pk, "title": "API-aihe", "body": "Teksti",
         "visibility": "public"},
        format="json",
    )  # fmt: skip
    assert made.status_code == 201
    assert made.json()["visibility"] == "members"
    assert Discussion.objects.count() == 1
    assert _api().get("/api/v1/discussions/").json()["results"] == []
    assert len(client.get("/api/v1/discussions/").json()["results"]) == 1
    refused = _api(people["staff"]).post(
        "/api/v1/discussions/",
        {"programme": "te24", "group": closed_group.pk, "title": "X", "body": "Y"},
        format="json",
    )
    assert refused.status_code == 400


def test_a_programme_filter_with_a_nul_character_finds_nothing(client):
    """PostgreSQL refuses a NUL in a text parameter: the filter answers an empty list."""
    response = client.get("/api/v1/discussions/", {"programme": "ohjelma\x00x"})
    assert response.status_code == 200
    assert response.json()["count"] == 0
