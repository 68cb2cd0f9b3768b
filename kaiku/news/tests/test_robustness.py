"""Bad input never answers 500, and editors never lose what they cannot see."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ..models import NewsItem, NewsKind
from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def _valid(**extra):
    return {
        "kind": NewsKind.NEWS,
        "title": "Uusi tiedote",
        "slug": "",
        "summary": "Tiivistelmä",
        "body": "Tekstiä",
        "visibility": "public",
        **extra,
    }


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31T23:59:59",
    ],
)
def test_published_after_at_the_edge_of_the_calendar_is_400(items, value):
    response = APIClient().get("/api/v1/news/", {"published_after": value})
    assert response.status_code == 400, response.content
    assert "published_after" in response.json()["extra"]["fields"]


def test_published_after_within_the_calendar_filters(items):
    response = APIClient().get("/api/v1/news/", {"published_after": "2000-01-01T00:00:00Z"})
    assert response.status_code == 200
    assert response.json()["count"] == 1  # the public item


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_publication_time_at_the_edge_of_the_calendar_is_a_field_error(client, people, value):
    client.force_login(people["communications"])
    response = client.post(reverse("news:create"), _valid(published_at=value))
    assert response.status_code == 400
    assert "published_at" in response.context["form"].errors
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize("value", ["99999999999999999999", "9" * 30])
@pytest.mark.parametrize("field", ["related_groups", "keywords", "programme"])
def test_huge_ids_are_field_errors(client, people, field, value):
    client.force_login(people["communications"])
    response = client.post(reverse("news:create"), _valid(**{field: [value]}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not NewsItem.objects.exists()


def test_edit_with_the_slug_cleared_and_an_invalid_field_rerenders(client, people, items):
    """The re-rendered form links back to the item by its saved slug, not the cleared one."""
    client.force_login(people["communications"])
    item = items["public"]
    url = reverse("news:update", kwargs={"slug": item.slug})
    response = client.post(url, _valid(title=item.title, slug="", kind="nope"))
    assert response.status_code == 400
    assert "kind" in response.context["form"].errors
    assert f'href="{item.get_absolute_url()}"' in response.content.decode()
    item.refresh_from_db()
    assert item.slug == "julkinen"


def test_hidden_related_groups_are_kept_when_an_editor_saves(
    client, people, items, group, hidden_group
):
    """Communications staff do not see a members-only group; saving must not drop it."""
    client.force_login(people["communications"])
    item = items["public"]
    item.related_groups.add(hidden_group)
    url = reverse("news:update", kwargs={"slug": item.slug})
    form = client.get(url).context["form"]
    assert hidden_group.pk not in {pk for pk, _ in form.fields["related_groups"].choices}
    response = client.post(url, _valid(title="Muokattu", slug=item.slug))
    assert response.status_code == 302
    assert set(item.related_groups.all()) == {hidden_group}  # the visible one was unticked


def test_an_editor_cannot_add_a_group_they_cannot_see(client, people, hidden_group):
    client.force_login(people["communications"])
    response = client.post(reverse("news:create"), _valid(related_groups=[hidden_group.pk]))
    assert response.status_code == 400
    assert "related_groups" in response.context["form"].errors


def test_slug_cleared_on_a_valid_edit_is_made_from_the_title(client, people):
    client.force_login(people["communications"])
    item = NewsItemFactory(title="Vanha", slug="vanha")
    url = reverse("news:update", kwargs={"slug": item.slug})
    response = client.post(url, _valid(title="Uusi otsikko", slug=""))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.slug == "uusi-otsikko"
