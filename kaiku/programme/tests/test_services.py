from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import services
from ..models import GroupGoal, GroupTask, Meeting, Membership, Memo, Milestone
from .factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

START = datetime.datetime(2030, 1, 13, 9, tzinfo=datetime.UTC)


def test_meeting_create_and_update(group, people):
    meeting = services.meeting_create(
        actor=people["secretary"], group=group, title="Kokous", starts_at=START
    )
    assert meeting.pk and meeting.group == group
    services.meeting_update(
        actor=people["secretary"], meeting=meeting, title="Uusi", status="cancelled"
    )
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == ("Uusi", "cancelled")


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "starts_at": START},
        {"title": "K", "starts_at": START, "ends_at": START - datetime.timedelta(hours=1)},
        {"title": "K", "starts_at": START, "visibility": "everyone"},
        {"title": "K", "starts_at": START, "online_url": "javascript:alert(1)"},
    ],
)
def test_meeting_create_rejects_bad_input(group, people, data):
    with pytest.raises(ValidationError):
        services.meeting_create(actor=people["secretary"], group=group, **data)
    assert not Meeting.objects.exists()


def test_meeting_update_rejects_end_before_start_and_keeps_the_row(group, people):
    meeting = MeetingFactory(group=group, starts_at=START)
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=people["secretary"], meeting=meeting, ends_at=START - datetime.timedelta(1)
        )
    meeting.refresh_from_db()
    assert meeting.ends_at is None


def test_unknown_fields_are_refused(group, people):
    with pytest.raises(TypeError):
        services.meeting_create(
            actor=people["secretary"], group=group, title="K", starts_at=START, group_id=1
        )


def test_milestone_create_and_update(group, people):
    milestone = services.milestone_create(
        actor=people["secretary"], group=group, title="Valmis", due_on=datetime.date(2030, 1, 1)
    )
    services.milestone_update(actor=people["secretary"], milestone=milestone, status="done")
    milestone.refresh_from_db()
    assert milestone.status == "done"
    with pytest.raises(ValidationError):
        services.milestone_create(actor=people["secretary"], group=group, title="", due_on=None)
    assert Milestone.objects.count() == 1


def test_memo_create_publish(group, people):
    meeting = MeetingFactory(group=group)
    memo = services.memo_create(
        actor=people["secretary"], group=group, meeting=meeting, title="Muistio", body="x"
    )
    assert memo.published_at is None
    services.memo_publish(actor=people["secretary"], memo=memo)
    first = memo.published_at
    assert first is not None and first <= timezone.now()
    services.memo_publish(actor=people["secretary"], memo=memo)
    assert memo.published_at == first


def test_memo_meeting_must_belong_to_the_group(group, people):
    with pytest.raises(ValidationError):
        services.memo_create(
            actor=people["secretary"], group=group, meeting=MeetingFactory(), title="Muistio"
        )
    assert not Memo.objects.exists()


def test_tasks_and_goals(group, people):
    actor = people["secretary"]
    task = services.task_create(actor=actor, group=group, title="Tehtävä", order=2)
    services.task_update(actor=actor, task=task, title="Tehtävä 2")
    goal = services.goal_create(actor=actor, group=group, title="Tavoite")
    services.goal_update(actor=actor, goal=goal, description="**tärkeä**")
    assert GroupTask.objects.get().title == "Tehtävä 2"
    with pytest.raises(ValidationError):
        services.task_create(actor=actor, group=group, title="")
    services.task_delete(actor=actor, task=task)
    services.goal_delete(actor=actor, goal=goal)
    assert not GroupTask.objects.exists() and not GroupGoal.objects.exists()


def test_deleted_tasks_and_goals_are_kept_audited_and_restorable(client, group, people):
    from kaiku.core.lifecycle import restore
    from kaiku.core.models import AuditAction, AuditEvent

    actor = people["secretary"]
    task = services.task_create(actor=actor, group=group, title="Poistettava tehtävä")
    goal = services.goal_create(actor=actor, group=group, title="Poistettava tavoite")
    assert services.task_delete(actor=actor, task=task) is True
    assert services.task_delete(actor=actor, task=task) is False  # a double submit
    services.goal_delete(actor=actor, goal=goal)
    assert GroupTask.all_objects.get(pk=task.pk).deleted_by == actor
    assert not group.tasks.exists() and not group.goals.exists()
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_DELETED).count() == 2
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Poistettava" not in html
    restore(GroupTask.all_objects.get(pk=task.pk), actor=people["admin"])
    assert list(group.tasks.values_list("title", flat=True)) == ["Poistettava tehtävä"]


# --- Database constraints hold even when Python validation is bypassed -------------------------


def test_db_constraints(group):
    member = MembershipFactory(group=group)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(group=group, person=member.person, role=member.role)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(group=group, starts_at=START, ends_at=START - datetime.timedelta(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(term_start=datetime.date(2024, 1, 1), term_end=datetime.date(2023, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkingGroupFactory(programme=group.programme, slug=group.slug)
    meeting = MeetingFactory(group=group)
    MemoFactory(group=group, meeting=meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        MemoFactory(group=group, meeting=meeting)


def test_group_parent_must_be_in_the_same_programme(group):
    child = WorkingGroupFactory(parent=group)  # another programme
    with pytest.raises(ValidationError):
        child.full_clean()
    group.parent = group
    with pytest.raises(ValidationError):
        group.full_clean()


def test_overdue_milestones(group):
    today = timezone.localdate()
    late = MilestoneFactory(group=group, due_on=today - datetime.timedelta(1), status="planned")
    done = MilestoneFactory(group=group, due_on=today - datetime.timedelta(1), status="done")
    flagged = MilestoneFactory(group=group, due_on=today + datetime.timedelta(9), status="late")
    future = MilestoneFactory(group=group, due_on=today + datetime.timedelta(9))
    assert [m.is_overdue for m in (late, done, flagged, future)] == [True, False, True, False]


def test_str_and_urls(group, items):
    assert str(group) == "Muutosvalmennuksen ohjausryhmä"
    assert group.get_absolute_url() == "/fi/programmes/te24/groups/muutosvalmennus/"
    assert group.programme.get_absolute_url() == "/fi/programmes/te24/"
    meeting = items["public"]["meeting"]
    assert meeting.get_absolute_url().endswith(f"#meeting-{meeting.pk}")
    assert str(items["public"]["memo"]) == "Muistio public"
    assert "Muutosvalmennuksen ohjausryhmä" in str(MembershipFactory(group=group))
