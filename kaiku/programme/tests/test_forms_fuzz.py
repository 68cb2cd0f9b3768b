"""Property: whatever a group editor posts, the answer is a redirect or a form with errors
(never a 500), and nothing invalid is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..models import Meeting, Milestone

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# Text that forms meet in the wild: dates at the calendar's edge, huge numbers, NUL bytes.
EDGES = st.sampled_from(
    [
        "", "0001-01-01", "0001-01-01T00:00", "9999-12-31", "9999-12-31T23:59",
        "1899-12-31", "3000-01-01T00:00", "2025-02-30", "99999999999999999999", "-1",
        "1e9", "\x00", "2025-03-01T10:00", "2025-03-01", "planned", "public", "members",
    ]
)  # fmt: skip
VALUES = st.one_of(EDGES, st.text(max_size=40), st.integers().map(str), st.dates().map(str))


MEETING_FIELDS = [
    "title", "starts_at", "ends_at", "location", "online_url", "agenda", "status", "visibility",
]  # fmt: skip


def _url(name, group):
    return reverse(
        f"programme:{name}", kwargs={"programme_slug": group.programme.slug, "slug": group.slug}
    )


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(MEETING_FIELDS, VALUES),
    )
)
def test_meeting_form(client, people, group, data):
    client.force_login(people["secretary"])
    before = Meeting.objects.count()
    response = client.post(_url("meeting_create", group), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Meeting.objects.count() == before


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {}, optional=dict.fromkeys(["title", "due_on", "status", "visibility"], VALUES)
    )
)
def test_milestone_form(client, people, group, data):
    client.force_login(people["secretary"])
    before = Milestone.objects.count()
    response = client.post(_url("milestone_create", group), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Milestone.objects.count() == before


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "mandate": VALUES,
            "visibility": VALUES,
            "contact_persons": st.lists(VALUES, max_size=3),
        },
    )
)
def test_group_mandate_form(client, people, group, data):
    client.force_login(people["secretary"])
    response = client.post(_url("group_update", group), data)
    assert response.status_code in (302, 400)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {}, optional=dict.fromkeys(["email", "role", "term_start", "term_end"], VALUES)
    ),
    represents=st.lists(VALUES, max_size=1),
)
def test_membership_form(client, people, group, data, represents):
    client.force_login(people["secretary"])
    response = client.post(_url("membership_create", group), {**data, "represents": represents})
    assert response.status_code in (302, 400)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {}, optional=dict.fromkeys(["group", "kind", "status", "year"], VALUES)
    )
)
def test_timeline_filter(client, group, data):
    url = reverse("programme:timeline", kwargs={"slug": group.programme.slug})
    assert client.get(url, data).status_code == 200
