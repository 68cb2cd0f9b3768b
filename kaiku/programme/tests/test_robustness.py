"""Bad input never answers 500: edge-of-calendar dates, huge numbers, NUL bytes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from ..models import Meeting, Membership, Milestone
from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _url(name, group, **extra):
    return reverse(
        f"programme:{name}",
        kwargs={"programme_slug": group.programme.slug, "slug": group.slug, **extra},
    )


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31T23:59:59",
        "0001-01-01T00:00:00+05:00",
    ],
)
@pytest.mark.parametrize("param", ["starts_after", "starts_before"])
def test_meeting_filter_at_the_edge_of_the_calendar_is_400(group, value, param):
    MeetingFactory(group=group)
    response = APIClient().get("/api/v1/meetings/", {param: value})
    assert response.status_code == 400, response.content
    assert param in response.json()["extra"]["fields"]


def test_nul_in_a_lookup_is_404_before_any_query(group):
    """PostgreSQL cannot compare text with NUL: the lookup must not reach the database."""
    with CaptureQueriesContext(connection) as queries:
        response = APIClient().get(f"/api/v1/programmes/{group.programme.slug}%00/")
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}
    assert not [q for q in queries.captured_queries if "programme_programme" in q["sql"]]


@pytest.mark.parametrize("path", ["/api/v1/meetings/1%00/", "/api/v1/working-groups/1%00/"])
def test_nul_in_a_numeric_lookup_is_404(group, path):
    assert APIClient().get(path).status_code == 404


MEETING = {
    "title": "Kokous",
    "starts_at": "2025-03-01T10:00",
    "ends_at": "",
    "location": "",
    "online_url": "",
    "agenda": "",
    "status": "planned",
    "visibility": "public",
}


@pytest.mark.parametrize(
    "field, value",
    [
        ("starts_at", "0001-01-01T00:00"),
        ("ends_at", "0001-01-01T00:00"),
        ("starts_at", "9999-12-31T23:59"),
    ],
)
def test_meeting_form_edge_dates_are_field_errors(client, people, group, field, value):
    client.force_login(people["secretary"])
    response = client.post(_url("meeting_create", group), {**MEETING, field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_milestone_form_edge_dates_are_field_errors(client, people, group, value):
    client.force_login(people["secretary"])
    data = {"title": "V", "due_on": value, "status": "planned", "visibility": "public"}
    response = client.post(_url("milestone_create", group), data)
    assert response.status_code == 400
    assert "due_on" in response.context["form"].errors
    assert not Milestone.objects.exists()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_membership_form_edge_dates_are_field_errors(client, people, group, value):
    client.force_login(people["secretary"])
    seat = Membership.objects.filter(group=group).first()
    data = {"role": seat.role, "term_start": value, "term_end": ""}
    response = client.post(_url("membership_update", group, pk=seat.pk), data)
    assert response.status_code == 400
    assert "term_start" in response.context["form"].errors


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "1e3", "0"])
def test_huge_contact_person_id_is_a_field_error(client, people, group, value):
    client.force_login(people["secretary"])
    data = {"mandate": "Uusi", "visibility": "public", "contact_persons": [value]}
    response = client.post(_url("group_update", group), data)
    assert response.status_code == 400
    assert "contact_persons" in response.context["form"].errors
