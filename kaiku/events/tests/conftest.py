from __future__ import annotations

import pytest
from django.utils import translation

from kaiku.accounts.models import PlatformRole
from kaiku.organisations.models import OrganisationType

from ..models import AudienceKind
from .factories import (
    EventFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _english():
    """Pages in English (``/en/``), so the tests read the interface's msgids."""
    translation.activate("en")


@pytest.fixture
def region(db):
    return RegionFactory(code="05", name_fi="Kanta-Häme", name="Kanta-Häme", slug="kanta-hame")


@pytest.fixture
def te_office(region):
    return OrganisationFactory(
        name="Hämeen TE-toimisto", type=OrganisationType.TE_OFFICE, region=region
    )


@pytest.fixture
def keha(db):
    return OrganisationFactory(name="KEHA-keskus", type=OrganisationType.KEHA_CENTRE)


@pytest.fixture
def people(people, te_office, keha):
    """Also: a member of the TE office (inside the audience of ``event``), staff outside it
    (KEHA), an organiser (a change coordinator) and another organiser (communications)."""
    organiser = UserFactory(full_name="Olli Organisoija", organisation=keha)
    RoleAssignmentFactory(user=organiser, role=PlatformRole.CHANGE_COORDINATOR)
    comms = UserFactory(full_name="Veera Viestijä", organisation=keha)
    RoleAssignmentFactory(user=comms, role=PlatformRole.COMMUNICATIONS)
    people["staff"].organisation = keha
    people["staff"].save()
    return {
        **people,
        "member": UserFactory(full_name="Tiina Tiimiläinen", organisation=te_office),
        "organiser": organiser,
        "other_organiser": comms,
    }


@pytest.fixture
def event(people):
    """An upcoming coaching for TE offices, 2 places, organised by ``organiser``."""
    return EventFactory(
        title_fi="Muutosvalmennus Hämeen TE-toimistolle",
        audience=AudienceKind.ORGANISATION_TYPES,
        audience_types=OrganisationType.TE_OFFICE,
        visibility="members",
        capacity=2,
        organiser=people["organiser"],
        online_url="https://teams.example.fi/l/meetup-join/abc",
    )
