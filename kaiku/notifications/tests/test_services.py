from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kaiku.core.content import Visibility
from kaiku.programme import services as programme_services
from kaiku.programme.models import MemberRole, MilestoneStatus

from .. import services
from ..models import Follow, Kind, Notification, NotificationPreference
from .factories import (
    FollowFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_follow_is_idempotent_and_creates_a_preference(user, group):
    first = services.follow(user=user, group=group)
    assert services.follow(user=user, group=group) == first
    assert Follow.objects.filter(user=user).count() == 1
    assert NotificationPreference.objects.filter(user=user).exists()


def test_follow_a_programme_and_a_keyword(user, group):
    services.follow(user=user, programme=group.programme)
    services.follow(user=user, keyword="  Muutos  Turvallisuus ")
    assert Follow.objects.filter(user=user, keyword="muutos turvallisuus").exists()
    services.unfollow(user=user, keyword="muutos turvallisuus")
    services.unfollow(user=user, programme=group.programme)
    assert not Follow.objects.filter(user=user).exists()


def test_exactly_one_target(user, group):
    with pytest.raises(ValidationError):
        services.follow(user=user)
    with pytest.raises(ValidationError):
        services.follow(user=user, group=group, keyword="koto")


def test_database_refuses_two_targets(user, group):
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user, group=group, programme=group.programme)


def test_database_refuses_a_duplicate(user, group):
    FollowFactory(user=user, group=group)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user, group=group)


def test_group_followers_are_notified_of_a_public_meeting(
    user, group, django_capture_on_commit_callbacks
):
    FollowFactory(user=user, group=group)
    programme_follower = UserFactory()
    services.follow(user=programme_follower, programme=group.programme)
    secretary = UserFactory()
    FollowFactory(user=secretary, group=group)  # the author is not told of their own work
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
    assert (note.kind, note.title, note.group) == (Kind.MEETING_CREATED, meeting.title, group)
    assert note.url == meeting.get_absolute_url()
    assert not Notification.objects.filter(user__in=[secretary, bystander]).exists()


def test_a_group_only_memo_does_not_notify_non_members(
    user, group, django_capture_on_commit_callbacks
):
    member = UserFactory()
    MembershipFactory(group=group, person=member, role=MemberRole.MEMBER)
    for person in (user, member):
        FollowFactory(user=person, group=group)
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
        services.follow(user=person, programme=hidden.programme)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.milestone_create(
            actor=None, group=hidden, title="Salainen", due_on=datetime.date(2030, 1, 1)
        )
    assert list(Notification.objects.values_list("user", flat=True)) == [member.pk]


def test_a_draft_memo_notifies_nobody_until_published(
    user, group, django_capture_on_commit_callbacks
):
    FollowFactory(user=user, group=group)
    with django_capture_on_commit_callbacks(execute=True):
        memo = programme_services.memo_create(actor=None, group=group, title="Luonnos")
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.memo_publish(actor=None, memo=memo)
        programme_services.memo_publish(actor=None, memo=memo)  # again: nothing new
    assert Notification.objects.get().kind == Kind.MEMO_PUBLISHED


def test_only_time_changes_of_a_meeting_notify(user, group, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(group=group)
    FollowFactory(user=user, group=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(actor=None, meeting=meeting, location="Pasila")
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(
            actor=None, meeting=meeting, starts_at=meeting.starts_at + datetime.timedelta(hours=2)
        )
    assert Notification.objects.get().kind == Kind.MEETING_CHANGED


def test_milestone_status_and_date_changes_notify(user, group, django_capture_on_commit_callbacks):
    milestone = MilestoneFactory(group=group)
    FollowFactory(user=user, group=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.milestone_update(actor=None, milestone=milestone, title="Uusi nimi")
        programme_services.milestone_update(
            actor=None, milestone=milestone, status=MilestoneStatus.DONE
        )
        programme_services.milestone_update(
            actor=None, milestone=milestone, due_on=milestone.due_on + datetime.timedelta(days=1)
        )
    assert Notification.objects.filter(kind=Kind.MILESTONE_CHANGED).count() == 2


def test_nothing_happens_before_the_transaction_commits(
    user, group, django_capture_on_commit_callbacks
):
    FollowFactory(user=user, group=group)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        programme_services.milestone_create(
            actor=None, group=group, title="Väliraportti", due_on=datetime.date(2030, 1, 1)
        )
    assert len(callbacks) == 1
    assert not Notification.objects.exists()


def test_keyword_followers_and_one_notification_per_person(user, group):
    services.follow(user=user, keyword="KOTO")
    services.follow(user=user, group=group)
    created = services.notify_followers(
        kind=Kind.NEWS_PUBLISHED, title="Kotoutumisen uutinen", url="/fi/news/1/",
        group=group, keywords=["koto", "muutos"],
    )  # fmt: skip
    assert [n.user for n in created] == [user]


def test_notify_respects_the_visibility_check(user, group):
    services.follow(user=user, group=group)
    assert (
        services.notify_followers(
            kind=Kind.NEWS_PUBLISHED,
            title="x",
            url="/",
            group=group,
            visibility_check=lambda person: False,
        )  # fmt: skip
        == []
    )


def test_inactive_accounts_are_not_notified(group):
    gone = UserFactory(is_active=False)
    services.follow(user=gone, group=group)
    assert (
        services.notify_followers(kind=Kind.NEWS_PUBLISHED, title="x", url="/", group=group) == []
    )


def test_mark_read_touches_only_ones_own(user):
    from .factories import NotificationFactory

    mine, theirs = NotificationFactory(user=user), NotificationFactory()
    assert services.mark_read(user=user, notification_id=theirs.pk) == 0
    assert services.mark_read(user=user) == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at and theirs.read_at is None


class _FakeNews:
    """The news app's item, as far as ``news_published`` reads it (no import of kaiku.news)."""

    def __init__(self, *, programme, groups, keywords, published=True):
        self.title = "Uutinen kotoutumisesta"
        self.programme = programme
        self.is_published = published
        self._groups, self._keywords = groups, keywords

    @property
    def related_groups(self):
        return WorkingGroupFactory._meta.model.objects.filter(pk__in=[g.pk for g in self._groups])

    @property
    def keywords(self):
        from types import SimpleNamespace

        names = [SimpleNamespace(name=k) for k in self._keywords]
        return SimpleNamespace(all=lambda: names)

    def get_absolute_url(self):
        return "/fi/news/1/"


def test_news_published_reaches_group_programme_and_keyword_followers(group):
    by_group, by_keyword, by_programme, nobody = UserFactory.create_batch(4)
    services.follow(user=by_group, group=group)
    services.follow(user=by_keyword, keyword="Koto")
    services.follow(user=by_programme, programme=group.programme)
    services.follow(user=nobody, keyword="muuta")
    item = _FakeNews(programme=group.programme, groups=[group], keywords=["KOTO"])
    created = services.news_published(item)
    assert {n.user for n in created} == {by_group, by_keyword, by_programme}
    assert {n.kind for n in created} == {Kind.NEWS_PUBLISHED}
    draft = _FakeNews(programme=None, groups=[], keywords=["koto"], published=False)
    assert services.news_published(draft) == []


def test_notifying_many_followers_takes_a_fixed_number_of_queries(
    group, django_assert_max_num_queries
):
    def run():
        return services.notify_followers(
            kind=Kind.MEETING_CREATED, title="Kokous", url="/", group=group
        )

    services.preference_update(user=UserFactory(), email_frequency="immediate")
    for person in UserFactory.create_batch(2):
        services.follow(user=person, group=group)
    with django_assert_max_num_queries(10) as few:
        assert len(run()) == 2
    for person in UserFactory.create_batch(20):
        services.follow(user=person, group=group)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(run()) == 22
