from __future__ import annotations

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from kaiku.accounts.models import PlatformRole
from kaiku.core.content import Visibility

from .factories import (
    KeywordFactory,
    NewsItemFactory,
    RoleAssignmentFactory,
    UserFactory,
    WorkingGroupFactory,
)


@pytest.fixture
def people(people):
    """The viewers of the access-control matrix (kaiku/conftest.py), the communications
    role, and a moderator as someone with another role."""
    communications = UserFactory(full_name="Selina Viestijä")
    RoleAssignmentFactory(user=communications, role=PlatformRole.COMMUNICATIONS)
    # Moderators must have a second factor before the site lets them in.
    moderator = UserFactory(full_name="Mikko Moderaattori")
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    # Another role than communications: may not write news.
    return {**people, "other": moderator, "communications": communications}


@pytest.fixture
def keyword(db):
    return KeywordFactory(name="TE2024", slug="te2024")


@pytest.fixture
def group(db):
    return WorkingGroupFactory(
        name="Muutosvalmennuksen ohjausryhmä", slug="muutosvalmennus", programme__slug="te24"
    )


@pytest.fixture
def hidden_group(group):
    return WorkingGroupFactory(
        name="Salainen ryhmä",
        slug="salainen",
        programme=group.programme,
        visibility=Visibility.MEMBERS,
    )


@pytest.fixture
def items(keyword, group):
    """Published public and staff items, a draft and a scheduled item (each in the group and
    with the keyword, so that every filter and feed has something to leave out)."""
    future = timezone.now() + datetime.timedelta(days=7)
    created = {
        "public": NewsItemFactory(title="Julkinen uutinen", slug="julkinen"),
        "staff": NewsItemFactory(
            title="Sisäinen uutinen", slug="sisainen", visibility=Visibility.STAFF
        ),
        "draft": NewsItemFactory(title="Luonnos", slug="luonnos", published_at=None),
        "scheduled": NewsItemFactory(title="Ajastettu", slug="ajastettu", published_at=future),
    }
    for item in created.values():
        item.keywords.add(keyword)
        item.related_groups.add(group)
    return created
