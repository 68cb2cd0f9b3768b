from __future__ import annotations

import factory

from kaiku.programme.tests.factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    ProgrammeFactory,
    RoleAssignmentFactory,
    UserFactory,
    WorkingGroupFactory,
)

from ..models import Follow, Frequency, Notification, NotificationPreference

__all__ = [
    "MeetingFactory",
    "MembershipFactory",
    "MemoFactory",
    "MilestoneFactory",
    "ProgrammeFactory",
    "RoleAssignmentFactory",
    "UserFactory",
    "WorkingGroupFactory",
]


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    target = factory.SubFactory(WorkingGroupFactory)


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    email_frequency = Frequency.DAILY


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "meeting_created"
    title = factory.Sequence(lambda n: f"Kokous {n}")
    url = "/fi/programmes/te24/groups/muutosvalmennus/"
