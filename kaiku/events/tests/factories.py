from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.organisations.tests.factories import OrganisationFactory, RegionFactory

from ..models import Event, EventKind, EventMaterial, Registration, RegistrationStatus

__all__ = ["OrganisationFactory", "RegionFactory", "RoleAssignmentFactory", "UserFactory"]


class EventFactory(factory.django.DjangoModelFactory):
    """A published event for everyone signed in, a week from now, two hours long."""

    class Meta:
        model = Event

    kind = EventKind.COACHING
    title_fi = factory.Sequence(lambda n: f"Muutosvalmennus {n}")
    title = factory.SelfAttribute("title_fi")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Hämeenlinna, Raatihuoneenkatu 1"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    visibility = "staff"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(UserFactory)
    status = RegistrationStatus.REGISTERED


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventMaterial

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Diat {n}")
    url = "https://example.fi/diat.pdf"
