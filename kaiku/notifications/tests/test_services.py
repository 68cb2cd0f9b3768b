from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kaiku.core.content import Visibility
from kaiku.news.tests.factories import KeywordFactory
from kaiku.programme import services as programme_services
from kaiku.programme.models import MemberRole, MilestoneStatus

from .. import services
from ..models import Follow, Notification, NotificationPreference
from ..registry import register_followable, register_kind
from .factories import (
    FollowFactory,
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_follow_is_idempotent_and_creates_a_preference(user, group):
    first = services.follow(user=user, target=group)
    assert services.follow(user=user, target=group) == first
    assert Follow.objects.filter(user=user).count() == 1
    assert NotificationPreference.objects.filter(user=user).exists()


def test_follow_a_programme_and_a_keyword(user, group):
    keyword = KeywordFactory(name="muutosturvallisuus")
    services.follow(user=user, target=group.programme)
    services.follow(user=user, target=keyword)
    assert {f.target for f in Follow.objects.filter(user=user)} == {group.programme, keyword}
    services.unfollow(user=user, target=keyword)
    services.unfollow(user=user, target=group.programme)
    assert not Follow.objects.filter(user=user).exists()


def test_only_registered_kinds_can_be_followed(user):
    with pytest.raises(ValidationError):
        services.follow(user=user, target=UserFactory())
    with pytest.raises(ValidationError):
        services.unfollow(user=user)


def test_database_refuses_a_duplicate(user, group):
    FollowFactory(user=user, target=group)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user, target=group)


def test_a_new_followable_kind_needs_no_migration_and_no_edit_here(user, group, settings):
    """Any model registered as followable (here: a memo, which no app registers) can be
    followed and notified about; kinds are plain strings."""
    memo = MemoFactory(group=group, title="Muistio 1/2023")
    register_followable(type(memo))
    register_kind("test_memo_commented", "Memo commented")
    try:
        services.follow(user=user, target=memo)
        created = services.notify(kind="test_memo_commented", about=memo, followed=[memo])
        assert [(n.user, n.kind_label, n.title) for n in created] == [
            (user, "Memo commented", "Muistio 1/2023")
        ]
    finally:
        from kaiku.notifications import registry

        registry._followables.pop("programme.memo", None)
        registry._kinds.pop("test_memo_commented", None)


def test_group_followers_are_notified_of_a_public_meeting(
    user, group, django_capture_on_commit_callbacks
):
    FollowFactory(user=user, target=group)
    programme_follower = UserFactory()
    services.follow(user=programme_follower, target=group.programme)
    secretary = UserFactory()
    FollowFactory(user=secretary, target=group)  # the author is not told of their own work
    bystander = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = programme_services.meeting_create(
            actor=secretary,
            group=group,
            title="Ohjausryhmän kokous",
            starts_at=timezone.now() + datetime.timedelta(days=3),
        )
    rows = Notification.objects.order_by("user_id")
    assert {n.user for n in rows} == {user, programme_follower}
    note = rows.get(user=user)
    assert (note.kind, note.title, note.context) == ("meeting_created", meeting.title, group.name)
    assert note.about == meeting
    assert note.url == meeting.get_absolute_url()
    assert not Notification.objects.filter(user__in=[secretary, bystander]).exists()


def test_a_group_only_memo_does_not_notify_non_members(
    user, group, django_capture_on_commit_callbacks
):
    member = UserFactory()
    MembershipFactory(group=group, person=member, role=MemberRole.MEMBER)
    for person in (user, member):
        FollowFactory(user=person, target=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.memo_create(
            actor=None, group=group, title="Luottamuksellinen muistio",
            visibility=Visibility.MEMBERS, publish=True,
        )  # fmt: skip
    assert list(Notification.objects.values_list("user", flat=True)) == [member.pk]


def test_a_hidden_group_notifies_only_its_members(django_capture_on_commit_callbacks):
    hidden = WorkingGroupFactory(visibility=Visibility.MEMBERS)
    outsider, member = UserFactory(), UserFactory()
    MembershipFactory(group=hidden, person=member)
    for person in (outsider, member):
        services.follow(user=person, target=hidden.programme)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.milestone_create(
            actor=None, group=hidden, title="Salainen", due_on=datetime.date(2030, 1, 1)
        )
    assert list(Notification.objects.values_list("user", flat=True)) == [member.pk]


def test_a_draft_memo_notifies_nobody_until_published(
    user, group, django_capture_on_commit_callbacks
):
    FollowFactory(user=user, target=group)
    with django_capture_on_commit_callbacks(execute=True):
        memo = programme_services.memo_create(actor=None, group=group, title="Luonnos")
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.memo_publish(actor=None, memo=memo)
        programme_services.memo_publish(actor=None, memo=memo)  # again: nothing new
    assert Notification.objects.get().kind == "memo_published"


def test_only_time_changes_of_a_meeting_notify(user, group, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(group=group)
    FollowFactory(user=user, target=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(actor=None, meeting=meeting, location="Pasila")
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(
            actor=None, meeting=meeting, starts_at=meeting.starts_at + datetime.timedelta(hours=2)
        )
    assert Notification.objects.get().kind == "meeting_changed"


def test_milestone_status_and_date_changes_notify(user, group, django_capture_on_commit_callbacks):
    milestone = MilestoneFactory(group=group)
    FollowFactory(user=user, target=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.milestone_update(actor=None, milestone=milestone, title="Uusi nimi")
        programme_services.milestone_update(
            actor=None, milestone=milestone, status=MilestoneStatus.DONE
        )
        programme_services.milestone_update(
            actor=None, milestone=milestone, due_on=milestone.due_on + datetime.timedelta(days=1)
        )
    assert Notification.objects.filter(kind="milestone_changed").count() == 2


def test_nothing_happens_before_the_transaction_commits(
    user, group, django_capture_on_commit_callbacks
):
    FollowFactory(user=user, target=group)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        programme_services.milestone_create(
            actor=None, group=group, title="Väliraportti", due_on=datetime.date(2030, 1, 1)
        )
    # Other on-commit work (e.g. the page cache's new content generation) may be queued too.
    assert callbacks
    assert not Notification.objects.exists()
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(user=user, kind="milestone_created").count() == 1


def test_one_notification_per_person_whatever_they_follow(user, group):
    keyword = KeywordFactory(name="KOTO")
    services.follow(user=user, target=keyword)
    services.follow(user=user, target=group)
    created = services.notify(
        kind="news_published", about=group, followed=[group, keyword, group.programme]
    )
    assert [n.user for n in created] == [user]


def test_notify_rechecks_visibility_for_each_follower(user, group):
    member = UserFactory()
    MembershipFactory(group=group, person=member)
    for person in (user, member):
        services.follow(user=person, target=group)
    group.visibility = Visibility.MEMBERS
    group.save()
    created = services.notify(kind="meeting_created", about=group, followed=[group])
    assert [n.user for n in created] == [member]


def test_inactive_accounts_are_not_notified(group):
    gone = UserFactory(is_active=False)
    services.follow(user=gone, target=group)
    assert services.notify(kind="news_published", about=group, followed=[group]) == []


def test_mark_read_touches_only_ones_own(user):
    from .factories import NotificationFactory

    mine, theirs = NotificationFactory(user=user), NotificationFactory()
    assert services.mark_read(user=user, notification_id=theirs.pk) == 0
    assert services.mark_read(user=user) == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at and theirs.read_at is None


def test_notifying_many_followers_takes_a_fixed_number_of_queries(
    group, django_assert_max_num_queries
):
    def run():
        return services.notify(kind="meeting_created", about=group, followed=[group])

    services.preference_update(user=UserFactory(), email_frequency="immediate")
    followers = UserFactory.create_batch(2)
    for person in followers:
        services.follow(user=person, target=group)
    with django_assert_max_num_queries(10) as few:
        created = run()
    assert sorted(n.user_id for n in created) == sorted(p.pk for p in followers)
    assert all(n.title == str(group) for n in created)
    followers += UserFactory.create_batch(20)
    for person in followers[2:]:
        services.follow(user=person, target=group)
    with django_assert_max_num_queries(len(few.captured_queries)):
        created = run()
    assert sorted(n.user_id for n in created) == sorted(p.pk for p in followers)
