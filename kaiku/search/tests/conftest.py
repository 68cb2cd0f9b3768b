from __future__ import annotations

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from kaiku.accounts.models import PlatformRole
from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.core.content import Visibility
from kaiku.news.tests.factories import NewsItemFactory
from kaiku.programme.models import MemberRole
from kaiku.programme.tests.factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    WorkingGroupFactory,
)
from kaiku.search.indexing import rebuild


@pytest.fixture
def groups(db):
    group_a = WorkingGroupFactory(name="Henkilöstöryhmä", slug="henkilosto", programme__slug="te24")
    group_b = WorkingGroupFactory(
        name="Tietojärjestelmäryhmä", slug="tietojarjestelmat", programme=group_a.programme
    )
    return {"a": group_a, "b": group_b}


@pytest.fixture
def people(people, groups):
    """Every role of the access matrix: anonymous, signed-in staff, a member of group A, a
    member of group B, a moderator and an administrator."""
    member_a = UserFactory(full_name="Aino Jäsen")
    MembershipFactory(group=groups["a"], person=member_a, role=MemberRole.MEMBER)
    member_b = UserFactory(full_name="Bertta Jäsen")
    MembershipFactory(group=groups["b"], person=member_b, role=MemberRole.SECRETARY)
    moderator = UserFactory(full_name="Mikko Moderaattori")
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    return {**people, "member_a": member_a, "member_b": member_b, "moderator": moderator}


@pytest.fixture
def content(groups):
    """Public items that mention "kunta" in several forms, and, for the visibility tests,
    items whose only word "salaisuussana" is in hidden places."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    created = {
        "news": NewsItemFactory(
            title="Kunnat mukaan uudistukseen",
            slug="kunnat",
            summary="Jokaisen kunnan työvoimapalvelut siirtyvät.",
            body="Vuosilomista sovitaan kunnan kanssa.",
        ),
        "meeting": MeetingFactory(
            group=groups["a"], title="Kuntien kokous", agenda="Kuntaan siirtyvä henkilöstö"
        ),
        "memo": MemoFactory(
            group=groups["b"], title="Järjestelmämuistio", body="Asiakastietojärjestelmä valmis."
        ),
        # Hidden items, each with the secret word.
        "members_meeting": MeetingFactory(
            group=groups["a"], title="Salaisuussana kokous", visibility=Visibility.MEMBERS
        ),
        "staff_news": NewsItemFactory(
            title="Salaisuussana sisäinen", slug="sisainen", visibility=Visibility.STAFF
        ),
        "draft_news": NewsItemFactory(
            title="Salaisuussana luonnos", slug="luonnos", published_at=None
        ),
        "scheduled_news": NewsItemFactory(
            title="Salaisuussana ajastettu",
            slug="ajastettu",
            published_at=timezone.now() + datetime.timedelta(days=3),
        ),
        "draft_memo": MemoFactory(
            group=groups["a"], title="Salaisuussana luonnos", published_at=None
        ),
        "deleted_memo": MemoFactory(
            group=groups["a"], title="Salaisuussana poistettu", deleted_at=yesterday
        ),
        "deleted_group": WorkingGroupFactory(
            name="Poistettu ryhmä", programme=groups["a"].programme, deleted_at=yesterday
        ),
    }
    created["child_of_deleted"] = MeetingFactory(
        group=created["deleted_group"], title="Salaisuussana poistetun ryhmän kokous"
    )
    rebuild()
    return created
