from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from ..models import MemberRole
from .factories import MembershipFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

PERM = "programme.change_workinggroup"


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("staff", False), ("other", False), ("member", False), ("secretary", True), ("admin", True)],
)
def test_only_chair_secretary_and_admin_edit_a_group(people, group, who, allowed):
    assert people[who].has_perm(PERM, group) is allowed


def test_anonymous_cannot_edit(group):
    assert not AnonymousUser().has_perm(PERM, group)


def test_chair_edits_own_group_only(group):
    chair = UserFactory()
    MembershipFactory(group=group, person=chair, role=MemberRole.CHAIR)
    assert chair.has_perm(PERM, group)
    assert not chair.has_perm(PERM, WorkingGroupFactory(programme=group.programme))


@pytest.mark.parametrize("role", [MemberRole.VICE_CHAIR, MemberRole.EXPERT, MemberRole.DEPUTY])
def test_other_roles_cannot_edit(group, role):
    person = UserFactory()
    MembershipFactory(group=group, person=person, role=role)
    assert not person.has_perm(PERM, group)


def test_former_secretary_cannot_edit(group):
    former = UserFactory()
    MembershipFactory(
        group=group,
        person=former,
        role=MemberRole.SECRETARY,
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2021, 1, 1),
    )
    assert not former.has_perm(PERM, group)
