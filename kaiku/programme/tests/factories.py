from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.core.content import Visibility
from kaiku.organisations.tests.factories import OrganisationFactory

from ..models import (
    GroupGoal,
    GroupTask,
    Meeting,
    MemberRole,
    Membership,
    Memo,
    Milestone,
    Programme,
    WorkingGroup,
)

__all__ = ["OrganisationFactory", "RoleAssignmentFactory", "UserFactory"]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Uudistusohjelma {n}")
    slug = factory.Sequence(lambda n: f"ohjelma-{n}")
    summary = "Valtakunnallinen toimeenpano-ohjelma."
    starts_on = datetime.date(2023, 1, 1)
    ends_on = datetime.date(2025, 12, 31)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Työryhmä {n}")
    slug = factory.Sequence(lambda n: f"tyoryhma-{n}")
    mandate = "Ryhmä **ohjaa** valmistelua."
    visibility = Visibility.PUBLIC


class GroupTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupTask

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Tehtävä {n}")


class GroupGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupGoal

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Tavoite {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(WorkingGroupFactory)
    person = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER
    represents = factory.SubFactory(OrganisationFactory)
    term_start = datetime.date(2022, 10, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Kokous {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    location = "Teams"
    agenda = "1. Avaus\n2. Muutosvalmennus"
    visibility = Visibility.PUBLIC


class MemoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Memo

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Muistio {n}")
    body = "Käsiteltiin henkilökartoituksen tuloksia."
    decisions = "Päätettiin jatkaa."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    visibility = Visibility.PUBLIC


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Virstanpylväs {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    visibility = Visibility.PUBLIC
