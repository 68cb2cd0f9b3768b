"""Property: whatever communications staff post, the answer is a redirect or a form with
errors (never a 500), and nothing invalid is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..models import NewsItem

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

EDGES = st.sampled_from(
    [
        "", "0001-01-01T00:00", "9999-12-31T23:59", "3000-01-01T00:00", "2025-02-30T10:00",
        "99999999999999999999", "-1", "\x00", "2025-03-01T10:00", "news", "public", "staff",
        "on", "uusi-tiedote", "ei-ole@example.com",
    ]
)  # fmt: skip
VALUES = st.one_of(EDGES, st.text(max_size=40), st.integers().map(str))
FIELDS = [
    "kind", "title", "slug", "summary", "body", "contact_info", "pinned", "published_at",
    "visibility", "publish_now",
]  # fmt: skip
MANY = ["keywords", "related_groups", "programme", "contact_persons"]


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            **dict.fromkeys(FIELDS, VALUES),
            **{name: st.lists(VALUES, max_size=2) for name in MANY},
        },
    )
)
def test_news_form(client, people, group, data):
    client.force_login(people["communications"])
    before = NewsItem.objects.count()
    response = client.post(reverse("news:create"), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert NewsItem.objects.count() == before


@FUZZ
@given(data=st.fixed_dictionaries({}, optional={"slug": VALUES, "title": VALUES, "kind": VALUES}))
def test_news_edit_form(client, people, items, data):
    client.force_login(people["communications"])
    item = items["public"]
    url = reverse("news:update", kwargs={"slug": item.slug})
    response = client.post(url, {"summary": "S", "body": "B", "visibility": "public", **data})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        item.slug = NewsItem.objects.get(pk=item.pk).slug  # may have changed


@FUZZ
@given(data=st.fixed_dictionaries({}, optional={"q": VALUES, "keyword": VALUES, "group": VALUES}))
def test_news_filter(client, items, data):
    assert client.get(reverse("news:list"), data).status_code == 200
