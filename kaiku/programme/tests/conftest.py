from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils import translation

from kaiku.accounts.models import PlatformRole
from kaiku.core.content import Visibility

from ..models import MemberRole
from .factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    RoleAssignmentFactory,
    UserFactory,
    WorkingGroupFactory,
)


@pytest.fixture(autouse=True)
def _reset_language():
    """A request to /sv/ leaves Swedish active in this thread; later tests expect Finnish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def group(db):
    return WorkingGroupFactory(
        name="Muutosvalmennuksen ohjausryhmä", slug="muutosvalmennus", programme__slug="te24"
    )


@pytest.fixture
def people(group):
    """The five viewers of the access-control matrix, and the group's secretary."""
    member = UserFactory(full_name="Maija Jäsen")
    MembershipFactory(group=group, person=member, role=MemberRole.MEMBER)
    secretary = UserFactory(full_name="Selina Sihteeri")
    MembershipFactory(group=group, person=secretary, role=MemberRole.SECRETARY)
    admin = UserFactory(full_name="Anna Ylläpitäjä")
    RoleAssignmentFactory(user=admin, role=PlatformRole.ADMINISTRATOR)
    # Administrators must have a second factor before the site lets them in.
    Authenticator.objects.create(
        user=admin, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    # The secretary of another group: a group's own role must not open other groups.
    other = UserFactory(full_name="Olli Muuryhmä")
    MembershipFactory(person=other, role=MemberRole.SECRETARY)
    return {
        "anonymous": None,
        "staff": UserFactory(full_name="Tiina Työntekijä"),
        "other": other,
        "member": member,
        "secretary": secretary,
        "admin": admin,
    }


@pytest.fixture
def items(group):
    """One meeting, memo and milestone of each visibility."""
    created = {}
    for visibility in Visibility.values:
        created[visibility] = {
            "meeting": MeetingFactory(
                group=group, title=f"Kokous {visibility}", visibility=visibility
            ),
            "memo": MemoFactory(group=group, title=f"Muistio {visibility}", visibility=visibility),
            "milestone": MilestoneFactory(
                group=group, title=f"Virstanpylväs {visibility}", visibility=visibility
            ),
        }
    return created
