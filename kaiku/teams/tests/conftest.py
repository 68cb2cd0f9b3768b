from __future__ import annotations

import pytest

from kaiku.accounts.models import PlatformRole
from kaiku.core.content import Visibility
from kaiku.core.models import RateEvent

from ..models import TeamRole
from .factories import (
    AgreementFactory,
    ImprovementFactory,
    MembershipFactory,
    RoleAssignmentFactory,
    SessionFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _no_rate_events(db):
    yield
    RateEvent.objects.all().delete()


@pytest.fixture
def team(db):
    return TeamFactory(name="Nuorten palvelujen tiimi", slug="nuoret", visibility=Visibility.STAFF)


@pytest.fixture
def people(people, team):
    """The viewers: anonymous, a signed-in non-member (``staff``), a member, the team's lead,
    a change coordinator and an administrator."""
    lead = UserFactory(full_name="Liisa Vetäjä")
    member = UserFactory(full_name="Matti Jäsen")
    coordinator = UserFactory(full_name="Kaisa Koordinaattori")
    RoleAssignmentFactory(user=coordinator, role=PlatformRole.CHANGE_COORDINATOR)
    MembershipFactory(team=team, person=lead, role=TeamRole.LEAD)
    MembershipFactory(team=team, person=member, role=TeamRole.MEMBER)
    return {**people, "member": member, "lead": lead, "coordinator": coordinator}


@pytest.fixture
def items(team, people):
    """One item of each kind per visibility; titles say which."""
    made = {}
    for visibility in Visibility.values:
        made[f"agreement-{visibility}"] = AgreementFactory(
            team=team, title=f"Sopimus {visibility}", visibility=visibility
        )
        made[f"session-{visibility}"] = SessionFactory(
            team=team, title=f"Sessio {visibility}", visibility=visibility
        )
        made[f"card-{visibility}"] = ImprovementFactory(
            team=team,
            title=f"Kortti {visibility}",
            visibility=visibility,
            author=people["member"],
        )
    return made
