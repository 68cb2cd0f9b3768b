"""The content layer (``kaiku.core.content``): who may see a piece of content.

The rule users rely on: ``public`` content is for everyone, ``staff`` content for every signed-in
person, ``members`` content for the current members of its group only, administrators see
everything, and an item is never more visible than the group it belongs to. The list
(``visible_to``), the one-object check (``may_see``) and the batch check (``visible_pks``) must
always give the same answer.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaiku.accounts.models import PlatformRole, User
from kaiku.core.content import (
    Visibility,
    hidden_label,
    may_see,
    visible_pks,
    visible_q,
)
from kaiku.news.models import NewsItem
from kaiku.news.tests.factories import NewsItemFactory
from kaiku.programme.models import (
    GroupGoal,
    GroupTask,
    Meeting,
    MemberRole,
    Membership,
    Memo,
    WorkingGroup,
)
from kaiku.programme.tests.factories import (
    GroupGoalFactory,
    GroupTaskFactory,
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    RoleAssignmentFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

VIEWERS = ["anonymous", "staff", "member", "other", "admin"]
VISIBILITIES = list(Visibility.values)


# --- Fixtures (local copies: the programme conftest is not shared with core) -------------------


@pytest.fixture
def group(db):
    return WorkingGroupFactory(name="Muutosvalmennuksen ohjausryhmä", slug="muutosvalmennus")


@pytest.fixture
def people(group):
    """The viewers of the matrix: nobody, a signed-in person, a member of ``group``, a member
    of another group and an administrator."""
    member = UserFactory(full_name="Maija Jäsen")
    MembershipFactory(group=group, person=member, role=MemberRole.MEMBER)
    other = UserFactory(full_name="Olli Muuryhmä")
    MembershipFactory(person=other, role=MemberRole.SECRETARY)
    admin = UserFactory(full_name="Anna Ylläpitäjä")
    RoleAssignmentFactory(user=admin, role=PlatformRole.ADMINISTRATOR)
    return {
        "anonymous": None,
        "staff": UserFactory(full_name="Tiina Työntekijä"),
        "member": member,
        "other": other,
        "admin": admin,
    }


def fresh(user):
    """The person as a new request would load them: no cached roles."""
    return None if user is None else User.objects.get(pk=user.pk)


# --- The oracle ------------------------------------------------------------------------------


def opens(visibility: str, kind: str, *, member: bool) -> bool:
    """Whether one level of visibility lets a viewer of ``kind`` in."""
    if kind == "admin":
        return True
    if visibility == Visibility.PUBLIC:
        return True
    if kind == "anonymous":
        return False
    if visibility == Visibility.STAFF:
        return True
    return member


def expected(kind: str, group_visibility: str, item_visibility: str | None) -> bool:
    member = kind == "member"
    if not opens(group_visibility, kind, member=member):
        return False
    return item_visibility is None or opens(item_visibility, kind, member=member)


# --- The matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", VIEWERS)
@pytest.mark.parametrize(
    ("group_visibility", "item_visibility"), list(itertools.product(VISIBILITIES, repeat=2))
)
def test_meeting_list_and_check_agree_with_the_rule(
    people, group, kind, group_visibility, item_visibility
):
    WorkingGroup.objects.filter(pk=group.pk).update(visibility=group_visibility)
    meeting = MeetingFactory(group=group, title="Ohjausryhmän kokous", visibility=item_visibility)
    viewer = fresh(people[kind])
    want = expected(kind, group_visibility, item_visibility)

    listed = list(Meeting.objects.visible_to(viewer))
    loaded = Meeting.objects.select_related("group").get(pk=meeting.pk)

    assert listed == ([meeting] if want else [])
    assert may_see(viewer, loaded) is want
    assert visible_pks(viewer, [(Meeting, meeting.pk)]) == (
        {(Meeting, meeting.pk)} if want else set()
    )
    assert may_see(viewer, loaded.group) is opens(group_visibility, kind, member=kind == "member")


@pytest.mark.parametrize("kind", VIEWERS)
@pytest.mark.parametrize("group_visibility", VISIBILITIES)
@pytest.mark.parametrize(
    ("model", "factory"), [(GroupTask, GroupTaskFactory), (GroupGoal, GroupGoalFactory)]
)
def test_tasks_and_goals_follow_their_group(people, group, kind, group_visibility, model, factory):
    WorkingGroup.objects.filter(pk=group.pk).update(visibility=group_visibility)
    obj = factory(group=group)
    viewer = fresh(people[kind])
    want = expected(kind, group_visibility, None)

    listed = list(model.objects.filter(visible_q(model, viewer)))
    loaded = model.objects.select_related("group").get(pk=obj.pk)

    assert listed == ([obj] if want else [])
    assert may_see(viewer, loaded) is want


@pytest.mark.parametrize("kind", VIEWERS)
@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.STAFF])
def test_news_is_for_everyone_or_for_signed_in_people(people, kind, visibility):
    item = NewsItemFactory(title="Uutinen", visibility=visibility)
    viewer = fresh(people[kind])
    want = visibility == Visibility.PUBLIC or kind != "anonymous"

    assert list(NewsItem.objects.visible_to(viewer)) == ([item] if want else [])
    assert may_see(viewer, item) is want


# --- Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", VIEWERS)
def test_may_see_public_content_makes_no_query(people, group, kind, django_assert_num_queries):
    meeting = MeetingFactory(group=group, visibility=Visibility.PUBLIC)
    loaded = Meeting.objects.select_related("group").get(pk=meeting.pk)
    viewer = fresh(people[kind])

    with django_assert_num_queries(0):
        assert may_see(viewer, loaded) is True
        assert may_see(viewer, loaded.group) is True


@pytest.mark.parametrize("kind", ["staff", "member", "other", "admin"])
@pytest.mark.parametrize(
    ("group_visibility", "item_visibility"),
    [
        (Visibility.STAFF, Visibility.STAFF),
        (Visibility.STAFF, Visibility.PUBLIC),
        (Visibility.PUBLIC, Visibility.STAFF),
    ],
)
def test_may_see_signed_in_content_makes_no_query_for_signed_in_people(
    people, group, kind, group_visibility, item_visibility, django_assert_num_queries
):
    WorkingGroup.objects.filter(pk=group.pk).update(visibility=group_visibility)
    meeting = MeetingFactory(group=group, visibility=item_visibility)
    loaded = Meeting.objects.select_related("group").get(pk=meeting.pk)
    viewer = fresh(people[kind])

    with django_assert_num_queries(0):
        assert may_see(viewer, loaded) is True


@pytest.mark.parametrize("kind", VIEWERS)
@pytest.mark.parametrize(
    ("group_visibility", "item_visibility"), list(itertools.product(VISIBILITIES, repeat=2))
)
def test_may_see_makes_at_most_two_queries(
    people, group, kind, group_visibility, item_visibility, django_assert_max_num_queries
):
    WorkingGroup.objects.filter(pk=group.pk).update(visibility=group_visibility)
    meeting = MeetingFactory(group=group, visibility=item_visibility)
    loaded = Meeting.objects.select_related("group").get(pk=meeting.pk)
    viewer = fresh(people[kind])

    with django_assert_max_num_queries(2):
        decided = may_see(viewer, loaded)
    assert decided is expected(kind, group_visibility, item_visibility)


def test_may_see_tells_anonymous_visitors_no_without_a_query(
    people, group, django_assert_num_queries
):
    WorkingGroup.objects.filter(pk=group.pk).update(visibility=Visibility.MEMBERS)
    meeting = MeetingFactory(group=group, visibility=Visibility.PUBLIC)
    loaded = Meeting.objects.select_related("group").get(pk=meeting.pk)

    with django_assert_num_queries(0):
        assert may_see(None, loaded) is False


@pytest.mark.parametrize("kind", VIEWERS)
@pytest.mark.parametrize("count", [1, 25])
def test_visible_pks_makes_one_query_per_model(people, kind, count, django_assert_num_queries):
    groups = [WorkingGroupFactory(visibility=VISIBILITIES[i % 3]) for i in range(count)]
    for g in groups:
        MembershipFactory(group=g, person=people["member"])
    meetings = [
        MeetingFactory(group=groups[i], visibility=VISIBILITIES[(i // 3) % 3]) for i in range(count)
    ]
    memos = [MemoFactory(group=groups[i], visibility=VISIBILITIES[i % 3]) for i in range(count)]
    pairs = [(Meeting, m.pk) for m in meetings] + [(Memo, m.pk) for m in memos]
    viewer = fresh(people[kind])
    if viewer is not None:
        viewer.has_role(PlatformRole.ADMINISTRATOR)  # the role lookup is the session's, not ours

    with django_assert_num_queries(2):
        seen = visible_pks(viewer, pairs)

    want = {
        (Meeting, m.pk)
        for m in Meeting.objects.visible_to(viewer).filter(pk__in=[m.pk for m in meetings])
    }
    want |= {
        (Memo, m.pk) for m in Memo.objects.visible_to(viewer).filter(pk__in=[m.pk for m in memos])
    }
    assert seen == want
    assert seen == {
        (type(obj), obj.pk)
        for obj in meetings + memos
        if expected(kind, obj.group.visibility, obj.visibility)
    }


def test_visible_pks_of_nothing_makes_no_query(people, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert visible_pks(people["staff"], []) == set()


# --- Registration ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["anonymous", "staff", "member", "admin"])
def test_an_unregistered_model_is_a_programming_error(people, kind):
    with pytest.raises(LookupError, match="Membership has no registered audience"):
        visible_q(Membership, people[kind])


def test_hidden_label_is_the_registered_one():
    translation.activate("en")
    assert str(hidden_label(Meeting)) == "a meeting you can no longer see"
    assert str(hidden_label(WorkingGroup)) == "a working group you can no longer see"
    assert str(hidden_label(NewsItem)) == "a news item you can no longer see"
    # Content registered without a label, and unknown content, get the general wording.
    assert str(hidden_label(GroupTask)) == "something you can no longer see"
    assert str(hidden_label(Membership)) == "something you can no longer see"


# --- Membership terms and inactive accounts --------------------------------------------------


@pytest.fixture
def members_only(group):
    WorkingGroup.objects.filter(pk=group.pk).update(visibility=Visibility.MEMBERS)
    return MeetingFactory(group=group, title="Suljettu kokous", visibility=Visibility.MEMBERS)


def test_an_expired_membership_loses_members_only_access(group, members_only):
    former = UserFactory(full_name="Entinen Jäsen")
    today = timezone.localdate()
    MembershipFactory(
        group=group,
        person=former,
        term_start=today - datetime.timedelta(days=400),
        term_end=today - datetime.timedelta(days=1),
    )
    loaded = Meeting.objects.select_related("group").get(pk=members_only.pk)

    assert list(Meeting.objects.visible_to(former)) == []
    assert not WorkingGroup.objects.visible_to(former).filter(pk=group.pk).exists()
    assert may_see(fresh(former), loaded) is False
    assert visible_pks(former, [(Meeting, members_only.pk)]) == set()


def test_a_membership_ending_today_still_counts(group, members_only):
    member = UserFactory()
    today = timezone.localdate()
    MembershipFactory(
        group=group, person=member, term_start=today - datetime.timedelta(days=30), term_end=today
    )

    assert list(Meeting.objects.visible_to(member)) == [members_only]
    assert may_see(fresh(member), members_only) is True


def test_a_membership_starting_later_does_not_count_yet(group, members_only):
    future = UserFactory()
    MembershipFactory(
        group=group, person=future, term_start=timezone.localdate() + datetime.timedelta(days=1)
    )

    assert list(Meeting.objects.visible_to(future)) == []
    assert may_see(fresh(future), members_only) is False


@pytest.mark.parametrize("visibility", [Visibility.STAFF, Visibility.MEMBERS])
def test_an_inactive_account_is_treated_as_anonymous(group, visibility, django_assert_num_queries):
    WorkingGroup.objects.filter(pk=group.pk).update(visibility=visibility)
    meeting = MeetingFactory(group=group, visibility=visibility)
    public = MeetingFactory(
        group=WorkingGroupFactory(visibility=Visibility.PUBLIC), visibility=Visibility.PUBLIC
    )
    disabled = UserFactory(full_name="Poistettu Käyttäjä", is_active=False)
    MembershipFactory(group=group, person=disabled)
    # Even an inactive administrator is nobody.
    RoleAssignmentFactory(user=disabled, role=PlatformRole.ADMINISTRATOR)
    loaded = Meeting.objects.select_related("group").get(pk=meeting.pk)
    viewer = fresh(disabled)

    assert list(Meeting.objects.visible_to(viewer)) == list(Meeting.objects.visible_to(None))
    assert list(Meeting.objects.visible_to(viewer)) == [public]
    with django_assert_num_queries(0):
        assert may_see(viewer, loaded) is False
    assert visible_pks(viewer, [(Meeting, meeting.pk)]) == set()


# --- Property: visible_to against a plain Python oracle --------------------------------------

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
GROUPS = 3
ITEMS_PER_GROUP = 3


@pytest.fixture
def world(people):
    """Three groups with three meetings and one task each; the property re-draws their
    visibilities and the member's seats."""
    groups = [WorkingGroupFactory(name=f"Ryhmä {i}") for i in range(GROUPS)]
    meetings = [
        [MeetingFactory(group=g, title=f"Kokous {i}.{j}") for j in range(ITEMS_PER_GROUP)]
        for i, g in enumerate(groups)
    ]
    tasks = [GroupTaskFactory(group=g) for g in groups]
    return groups, meetings, tasks


VIS = st.sampled_from(VISIBILITIES)


@PROPERTY
@given(
    group_visibilities=st.lists(VIS, min_size=GROUPS, max_size=GROUPS),
    item_visibilities=st.lists(
        st.lists(VIS, min_size=ITEMS_PER_GROUP, max_size=ITEMS_PER_GROUP),
        min_size=GROUPS,
        max_size=GROUPS,
    ),
    seats=st.lists(st.booleans(), min_size=GROUPS, max_size=GROUPS),
)
def test_visible_to_matches_a_plain_oracle(
    people, world, group_visibilities, item_visibilities, seats
):
    groups, meetings, tasks = world
    person = people["staff"]
    Membership.objects.filter(person=person).delete()
    for g, gv, seated in zip(groups, group_visibilities, seats, strict=True):
        WorkingGroup.objects.filter(pk=g.pk).update(visibility=gv)
        if seated:
            MembershipFactory(group=g, person=person)
    for row, visibilities in zip(meetings, item_visibilities, strict=True):
        for meeting, iv in zip(row, visibilities, strict=True):
            Meeting.objects.filter(pk=meeting.pk).update(visibility=iv)

    viewers = {
        "anonymous": (None, [False] * GROUPS),
        "seated": (person, seats),
        "admin": (people["admin"], [False] * GROUPS),
    }
    for kind, (viewer, member_of) in viewers.items():
        role = "admin" if kind == "admin" else ("anonymous" if viewer is None else "staff")

        def oracle(gi, iv, role=role, member_of=member_of):
            gv = group_visibilities[gi]
            return opens(gv, role, member=member_of[gi]) and (
                iv is None or opens(iv, role, member=member_of[gi])
            )

        want_meetings = {
            meetings[gi][j].pk
            for gi in range(GROUPS)
            for j in range(ITEMS_PER_GROUP)
            if oracle(gi, item_visibilities[gi][j])
        }
        want_tasks = {tasks[gi].pk for gi in range(GROUPS) if oracle(gi, None)}
        want_groups = {groups[gi].pk for gi in range(GROUPS) if oracle(gi, None)}
        own = [g.pk for g in groups]

        got_meetings = set(
            Meeting.objects.visible_to(viewer).filter(group__in=own).values_list("pk", flat=True)
        )
        got_tasks = set(
            GroupTask.objects.filter(visible_q(GroupTask, viewer), group__in=own).values_list(
                "pk", flat=True
            )
        )
        got_groups = set(
            WorkingGroup.objects.visible_to(viewer).filter(pk__in=own).values_list("pk", flat=True)
        )
        assert got_meetings == want_meetings, kind
        assert got_tasks == want_tasks, kind
        assert got_groups == want_groups, kind

        loaded = Meeting.objects.select_related("group").filter(group__in=own)
        fresh_viewer = fresh(viewer)
        assert {m.pk for m in loaded if may_see(fresh_viewer, m)} == want_meetings, kind
        pairs = [(Meeting, m.pk) for m in loaded]
        assert {pk for _, pk in visible_pks(viewer, pairs)} == want_meetings, kind
