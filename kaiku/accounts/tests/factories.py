from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from kaiku.accounts.models import Invitation, PlatformRole, RoleAssignment, User
from kaiku.organisations.tests.factories import OrganisationFactory  # noqa: F401  (for tests)

PASSWORD = "Correct-horse-battery-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@te-palvelut.example")
    full_name = factory.Sequence(lambda n: f"Testi Henkilö {n}")
    title = "Asiantuntija"
    languages = factory.LazyFunction(lambda: ["fi"])
    preferred_language = "fi"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):  # noqa: N805
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = PlatformRole.MODERATOR


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
