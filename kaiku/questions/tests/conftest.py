from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from kaiku.accounts.models import PlatformRole
from kaiku.core.models import RateEvent
from kaiku.organisations.tests.factories import OrganisationFactory
from kaiku.programme.models import MemberRole

from .. import services
from ..similar import reset_index
from .factories import (
    MembershipFactory,
    ProgrammeFactory,
    RoleAssignmentFactory,
    TopicFactory,
    UserFactory,
    WorkingGroupFactory,
)


@pytest.fixture(autouse=True)
def _fresh_similarity_index():
    """Each test's database is rolled back under the process's index."""
    reset_index()
    yield
    reset_index()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="TE2024-uudistus", slug="te24")


@pytest.fixture
def group(programme):
    return WorkingGroupFactory(name="Henkilöstötyöryhmä", slug="henkilosto", programme=programme)


@pytest.fixture
def other_group(programme):
    return WorkingGroupFactory(name="Tietojärjestelmät", slug="jarjestelmat", programme=programme)


@pytest.fixture
def topic(db):
    return TopicFactory(name="Lomat", slug="lomat")


@pytest.fixture
def people(people, group, other_group):
    """The viewers of the access matrix and the people of questions: the asker, another
    signed-in person, the chair and the secretary of the group a question is assigned to, the
    chair of another group, an expert and a moderator (with a second factor)."""
    organisation = OrganisationFactory(name="KEHA-keskus")
    moderator = UserFactory(full_name="Mikko Moderaattori")
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    chair = UserFactory(full_name="Pekka Puheenjohtaja", organisation=organisation)
    secretary = UserFactory(full_name="Sanna Sihteeri", organisation=organisation)
    other_chair = UserFactory(full_name="Olli Toinen")
    MembershipFactory(group=group, person=chair, role=MemberRole.CHAIR)
    MembershipFactory(group=group, person=secretary, role=MemberRole.SECRETARY)
    MembershipFactory(group=other_group, person=other_chair, role=MemberRole.CHAIR)
    member = UserFactory(full_name="Maija Jäsen")
    MembershipFactory(group=group, person=member, role=MemberRole.MEMBER)
    return {
        **people,
        "asker": UserFactory(full_name="Kalle Kysyjä"),
        "other": UserFactory(full_name="Veera Vierailija"),
        "member": member,
        "chair": chair,
        "secretary": secretary,
        "other_chair": other_chair,
        "expert": UserFactory(full_name="Erkki Asiantuntija"),
        "moderator": moderator,
    }


@pytest.fixture
def question(people, programme):
    """A public question asked through the services (the asker follows it); the asker's
    rate-limit events are cleared, so tests may post at once."""
    asked = services.question_ask(
        author=people["asker"], programme=programme, title="Miten vuosilomat siirtyvät?"
    )
    RateEvent.objects.all().delete()
    return asked
