from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from kaiku.accounts.models import PlatformRole
from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.core.content import Visibility
from kaiku.news.tests.factories import NewsItemFactory
from kaiku.programme.tests.factories import MembershipFactory, WorkingGroupFactory


@pytest.fixture(autouse=True)
def _english(settings):
    from django.utils import translation

    translation.activate("en")
    yield


@pytest.fixture
def group(db):
    return WorkingGroupFactory(name="Avoin ryhmä", slug="avoin", programme__slug="te24")


@pytest.fixture
def closed_group(group):
    return WorkingGroupFactory(
        name="Suljettu ryhmä", slug="suljettu", programme=group.programme,
        visibility=Visibility.MEMBERS,
    )  # fmt: skip


@pytest.fixture
def people(people, closed_group):
    moderator = UserFactory(full_name="Mikko Moderaattori", email="mikko.moderaattori@example.fi")
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    member = UserFactory(full_name="Maija Jäsen", email="maija.jasen@example.fi")
    MembershipFactory(group=closed_group, person=member)
    author = UserFactory(full_name="Aino Kirjoittaja", email="aino.kirjoittaja@example.fi")
    MembershipFactory(group=closed_group, person=author)
    return {**people, "moderator": moderator, "member": member, "author": author}


@pytest.fixture
def news(db):
    return NewsItemFactory(title="Julkinen uutinen", slug="julkinen")


@pytest.fixture(autouse=True)
def _no_rate_limits(monkeypatch, request):
    """Rate limits are tested on purpose (tests that ask for ``real_rate_limits``);
    elsewhere they would refuse the second post of a test."""
    if "real_rate_limits" in request.fixturenames:
        return
    import kaiku.discussions.services as services

    monkeypatch.setattr(services, "check_and_record", lambda **kwargs: None)


@pytest.fixture
def real_rate_limits():
    """Keep ``kaiku.core.ratelimit`` in force for this test."""
