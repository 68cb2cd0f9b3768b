from __future__ import annotations

import datetime

import factory

from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.organisations.tests.factories import OrganisationFactory

from ..models import Enrolment, Module, OnboardingProgramme, Responsible, Task, TaskCompletion

__all__ = ["OrganisationFactory", "RoleAssignmentFactory", "UserFactory"]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingProgramme

    title_fi = factory.Sequence(lambda n: f"Perehdytysohjelma {n}")
    published = True


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    title_fi = factory.Sequence(lambda n: f"Moduuli {n}")
    order = factory.Sequence(lambda n: n)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    module = factory.SubFactory(ModuleFactory)
    title_fi = factory.Sequence(lambda n: f"Tehtävä {n}")
    due_offset_days = 0
    responsible = Responsible.NEWCOMER
    order = factory.Sequence(lambda n: n)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    programme = factory.SubFactory(ProgrammeFactory)
    newcomer = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(datetime.date.today)


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskCompletion

    enrolment = factory.SubFactory(EnrolmentFactory)
    task = factory.SubFactory(TaskFactory)
    done_at = factory.Faker("date_time", tzinfo=datetime.UTC)
