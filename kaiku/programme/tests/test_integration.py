"""The programme's hooks into shared machinery: What is new, personal data."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY

from ..models import Membership
from ..whatsnew import programme_items
from .factories import MeetingFactory, MembershipFactory, MemoFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_whatsnew_runs_a_fixed_number_of_queries(group, django_assert_num_queries):
    memos, meetings = set(), set()
    for _ in range(5):
        other = WorkingGroupFactory()
        memos.add(f"{other.name}: {MemoFactory(group=other).title}")
        meetings.add(f"{other.name}: {MeetingFactory(group=other).title}")
    with django_assert_num_queries(2):
        items = programme_items(viewer=AnonymousUser(), limit=3)
    assert len(items) == 6
    assert len({i.title for i in items} & memos) == 3
    assert len({i.title for i in items} & meetings) == 3
    assert all(item.url.startswith("/fi/programmes/") for item in items)


def test_whatsnew_honours_visibility(people, items):
    titles = {i.title for i in programme_items(viewer=AnonymousUser(), limit=10)}
    assert any("Muistio public" in t for t in titles)
    assert not any("staff" in t or "members" in t for t in titles)
    member_titles = {i.title for i in programme_items(viewer=people["member"], limit=10)}
    assert any("Kokous members" in t for t in member_titles)


def test_personal_data_export_and_removal(group):
    membership = MembershipFactory(group=group, role="secretary")
    person = membership.person
    group.contact_persons.add(person)
    entry = PERSONAL_DATA_REGISTRY["programme.membership"]
    exported = entry.export(person)
    assert exported[0]["group"] == group.name and exported[0]["role"] == "secretary"
    contacts = PERSONAL_DATA_REGISTRY["programme.workinggroup"]
    assert contacts.export(person) == [group.name]
    entry.remove(person)
    contacts.remove(person)
    assert not Membership.objects.filter(person=person).exists()
    assert not group.contact_persons.exists()


def test_swedish_page_falls_back_to_finnish_names(client, group):
    group.name_sv = "Styrgruppen för förändringsträning"
    group.save()
    html = client.get(f"/sv/programmes/te24/groups/{group.slug}/").content.decode()
    assert "Styrgruppen för förändringsträning" in html
    other = WorkingGroupFactory(programme=group.programme, name="Vain suomeksi")
    html = client.get(f"/sv/programmes/te24/groups/{other.slug}/").content.decode()
    assert "Vain suomeksi" in html
