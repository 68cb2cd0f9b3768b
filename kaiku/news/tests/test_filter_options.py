"""The news list's filter: plain-loop options of the groups the viewer may see, the chosen
one marked, bad values reported on the field, and a cost that does not grow with groups."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.utils import translation

from kaiku.programme.tests.factories import MembershipFactory

from .factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db
LIST = "/fi/news/"


def _options(content: str, name: str) -> list[tuple[str, str, bool]]:
    select = re.search(rf'<select name="{name}" id="id_{name}"[^>]*>(.*?)</select>', content, re.S)
    assert select, name
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


def test_group_options_are_the_visible_groups(client, people, items, group, hidden_group):
    options = _options(client.get(LIST).content.decode(), "group")
    assert options[0][0] == ""  # "All groups"
    values = [value for value, _label, _selected in options[1:]]
    assert str(group.pk) in values
    assert str(hidden_group.pk) not in values
    label = {v: lab for v, lab, _s in options}[str(group.pk)]
    assert label == f"{group.name} ({group.programme.name})"
    client.force_login(people["admin"])
    values = [v for v, _l, _s in _options(client.get(LIST).content.decode(), "group")]
    assert str(hidden_group.pk) in values


def test_a_member_sees_their_members_only_group(client, people, items, hidden_group):
    MembershipFactory(group=hidden_group, person=people["staff"])
    client.force_login(people["staff"])
    values = [v for v, _l, _s in _options(client.get(LIST).content.decode(), "group")]
    assert str(hidden_group.pk) in values


def test_chosen_values_are_selected(client, items, group, keyword):
    content = client.get(LIST, {"group": group.pk, "keyword": keyword.slug}).content.decode()
    assert [v for v, _l, s in _options(content, "group") if s] == [str(group.pk)]
    assert [v for v, _l, s in _options(content, "keyword") if s] == [keyword.slug]
    assert 'value="' + keyword.slug + '"' in content


def test_a_hidden_group_is_reported_on_the_field(client, items, hidden_group):
    with translation.override("en"):
        response = client.get("/en/news/", {"group": hidden_group.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_group_error"' in content
    assert re.search(r'<select name="group" id="id_group" aria-invalid="true"', content)
    assert not [v for v, _l, s in _options(content, "group") if s]
    assert {i.pk for i in response.context["news"]} == {items["public"].pk}


def test_filter_cost_does_not_grow_with_groups(client, items, group, django_assert_max_num_queries):
    client.get(LIST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(25):
        WorkingGroupFactory(programme=group.programme)
    with django_assert_max_num_queries(len(few)):
        content = client.get(LIST).content.decode()
    assert len(_options(content, "group")) == 1 + 26


def test_options_are_cached_per_generation_with_the_page_cache_on(client, items, group, settings):
    settings.KAIKU_PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    try:
        client.get(LIST, {"q": "a"})
        added = WorkingGroupFactory(programme=group.programme, name="Uusi ryhmä")
        content = client.get(LIST, {"q": "b"}).content.decode()
        assert str(added.pk) in [v for v, _l, _s in _options(content, "group")]
    finally:
        caches["pages"].clear()
