from __future__ import annotations

import factory

from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.core.content import Visibility
from kaiku.organisations.tests.factories import OrganisationFactory

from ..models import (
    ChangeCoach,
    Improvement,
    Team,
    TeamAgreement,
    TeamMembership,
    TeamRole,
    TeamSession,
)

__all__ = ["OrganisationFactory", "RoleAssignmentFactory", "UserFactory"]


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Tiimi {n}")
    slug = factory.Sequence(lambda n: f"tiimi-{n}")
    purpose = "Palvelemme asiakkaita yhdessä."
    visibility = Visibility.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    person = factory.SubFactory(UserFactory)
    role = TeamRole.MEMBER


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamAgreement

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Sopimus {n}")
    body = "Kokoonnumme **maanantaisin**."
    visibility = Visibility.PUBLIC


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamSession

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Muutossessio {n}")
    held_on = factory.Faker("date_this_year")
    visibility = Visibility.PUBLIC


class ImprovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Improvement

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Parannus {n}")
    visibility = Visibility.PUBLIC


class CoachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeCoach

    person = factory.SubFactory(UserFactory)
    languages = "fi, en"
    themes = "Lean, tiimit"
