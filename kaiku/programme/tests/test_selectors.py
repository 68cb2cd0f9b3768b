from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kaiku.core.content import Visibility

from .. import selectors
from .factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

EXPECTED = {
    "anonymous": {"public"},
    "staff": {"public", "staff"},
    "other": {"public", "staff"},
    "member": {"public", "staff", "members"},
    "secretary": {"public", "staff", "members"},
    "admin": {"public", "staff", "members"},
}


def _viewer(people, who):
    return people[who] or AnonymousUser()


@pytest.mark.parametrize("who", EXPECTED)
def test_group_items_are_filtered_by_visibility(people, items, group, who):
    viewer = _viewer(people, who)
    page_group = selectors.group_get_for(viewer=viewer, programme_slug="te24", slug=group.slug)
    seen = {
        "meetings": {m.title.split()[-1] for m in page_group.visible_meetings},
        "memos": {m.title.split()[-1] for m in page_group.published_memos},
        "milestones": {m.title.split()[-1] for m in page_group.visible_milestones},
    }
    assert seen == dict.fromkeys(seen, EXPECTED[who])


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("anonymous", False),
        ("staff", False),
        ("other", False),
        ("member", True),
        ("secretary", True),
        ("admin", True),
    ],
)
def test_group_only_group_is_404_for_outsiders(people, group, who, visible):
    group.visibility = Visibility.MEMBERS
    group.save()
    viewer = _viewer(people, who)
    if visible:
        assert selectors.group_get_for(viewer=viewer, programme_slug="te24", slug=group.slug)
    else:
        with pytest.raises(Http404):
            selectors.group_get_for(viewer=viewer, programme_slug="te24", slug=group.slug)
    assert (group in selectors.group_list(viewer=viewer)) is visible


def test_missing_group_and_wrong_programme_are_404(group):
    with pytest.raises(Http404):
        selectors.group_get_for(viewer=AnonymousUser(), programme_slug="te24", slug="nope")
    with pytest.raises(Http404):
        selectors.group_get_for(viewer=AnonymousUser(), programme_slug="other", slug=group.slug)


def test_expired_membership_does_not_open_group_items(group):
    former = UserFactory()
    MembershipFactory(
        group=group,
        person=former,
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2021, 1, 1),
    )
    MeetingFactory(group=group, visibility=Visibility.MEMBERS)
    assert not selectors.meeting_list(viewer=former).exists()


def test_membership_of_another_group_does_not_open_this_group(group):
    other_member = UserFactory()
    MembershipFactory(person=other_member)  # another group
    MeetingFactory(group=group, visibility=Visibility.MEMBERS)
    assert not selectors.meeting_list(viewer=other_member).exists()


def test_items_of_a_hidden_group_stay_hidden_in_lists(people):
    hidden = WorkingGroupFactory(visibility=Visibility.MEMBERS)
    MeetingFactory(group=hidden, visibility=Visibility.PUBLIC)
    MemoFactory(group=hidden, visibility=Visibility.PUBLIC)
    assert not selectors.meeting_list(viewer=AnonymousUser()).exists()
    assert not selectors.memo_list(viewer=people["staff"]).exists()
    assert selectors.memo_list(viewer=people["admin"]).count() == 1


def test_unpublished_and_future_memos_are_hidden(group):
    MemoFactory(group=group, published_at=None)
    MemoFactory(
        group=group,
        published_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
    )
    page_group = selectors.group_get_for(
        viewer=AnonymousUser(), programme_slug="te24", slug=group.slug
    )
    assert page_group.published_memos == []


def _grow(group, n):
    for i in range(n):
        member = UserFactory()
        MembershipFactory(group=group, person=member)
        meeting = MeetingFactory(group=group, visibility=Visibility.STAFF)
        MemoFactory(group=group, meeting=meeting, visibility=Visibility.MEMBERS)
        MilestoneFactory(group=group)
        WorkingGroupFactory(programme=group.programme, parent=group, slug=f"ala-{n}-{i}")
    group.contact_persons.add(member)


def test_group_page_query_count_is_constant(people, group, django_assert_max_num_queries):
    viewer = people["member"]
    _grow(group, 2)
    with django_assert_max_num_queries(12) as small:
        found = selectors.group_get_for(viewer=viewer, programme_slug="te24", slug=group.slug)
    assert found == group
    assert len(found.visible_meetings) == len(found.published_memos) == 2
    assert len(found.visible_milestones) == len(found.visible_children) == 2
    _grow(group, 15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        found = selectors.group_get_for(viewer=viewer, programme_slug="te24", slug=group.slug)
    assert len(found.visible_meetings) == 17


def test_group_page_windows_take_a_fixed_number_of_queries(
    people, group, django_assert_max_num_queries
):
    viewer = people["member"]
    urls = {"meetings": "/m/", "memos": "/n/"}
    _grow(group, 2)
    # Nine: the upcoming and past meetings in one, with each meeting's newest memo; the
    # composition and the contact persons in one.
    with django_assert_max_num_queries(9) as small:
        found = selectors.group_page_get(viewer=viewer, programme_slug="te24", slug=group.slug)
        page = selectors.group_page(viewer=viewer, group=found, urls=urls)
    assert len(page["upcoming_meetings"]) == len(page["memos"]) == 2
    _grow(group, 15)
    # The same: whether the latest memos' meetings, off the page, may be seen is read with
    # the memos.
    with django_assert_max_num_queries(len(small.captured_queries)):
        found = selectors.group_page_get(viewer=viewer, programme_slug="te24", slug=group.slug)
        page = selectors.group_page(viewer=viewer, group=found, urls=urls)
    # Windows of the long lists, counts of the whole ones.
    assert len(page["upcoming_meetings"]) == len(page["memos"]) == 5
    assert len(page["milestones"]) == 5
    assert page["counts"]["meeting_count"] == page["counts"]["memo_count"] == 17
    assert page["counts"]["milestone_count"] == 17
    assert len(page["sub_groups"]) == 17
    # Two seats from the people fixture and one per grown row.
    assert len(page["members"]) == 2 + 17
    assert all(meeting["memo"] is not None for meeting in page["upcoming_meetings"])


def test_composition_is_ordered_by_role(group):
    for role in ["deputy", "member", "secretary", "expert", "chair", "vice_chair"]:
        MembershipFactory(group=group, role=role)
    page_group = selectors.group_get_for(
        viewer=AnonymousUser(), programme_slug="te24", slug=group.slug
    )
    assert [m.role for m in page_group.member_list] == [
        "chair", "vice_chair", "secretary", "member", "expert", "deputy",
    ]  # fmt: skip
