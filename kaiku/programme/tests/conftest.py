from __future__ import annotations

import pytest

from kaiku.core.content import Visibility

from ..models import MemberRole
from .factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    UserFactory,
    WorkingGroupFactory,
)


@pytest.fixture
def group(db):
    return WorkingGroupFactory(
        name="Muutosvalmennuksen ohjausryhmä", slug="muutosvalmennus", programme__slug="te24"
    )


@pytest.fixture
def people(people, group):
    """The viewers of the access-control matrix (kaiku/conftest.py), a member of the group,
    its secretary, and the secretary of another group."""
    member = UserFactory(full_name="Maija Jäsen")
    MembershipFactory(group=group, person=member, role=MemberRole.MEMBER)
    secretary = UserFactory(full_name="Selina Sihteeri")
    MembershipFactory(group=group, person=secretary, role=MemberRole.SECRETARY)
    # The secretary of another group: a group's own role must not open other groups.
    other = UserFactory(full_name="Olli Muuryhmä")
    MembershipFactory(person=other, role=MemberRole.SECRETARY)
    return {**people, "other": other, "member": member, "secretary": secretary}


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
