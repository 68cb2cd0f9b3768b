"""What every signed-in page asks of the person is read with them, in the session's person
query (``kaiku.accounts.middleware._person``): their roles, whether they have model
permissions, whether they have a TOTP authenticator, and the columns other apps add
(``read_with_person``: the unread notifications, the onboarding menu entry). Each answer is
the one the person's own reads give."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kaiku.accounts.middleware import _person_of_session, has_totp
from kaiku.accounts.models import PlatformRole, RoleAssignment, User

from .factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(client, person):
    client.force_login(person)
    request = RequestFactory().get("/fi/")
    request.session = client.session
    return _person_of_session(request)


#: Tables that a signed-in page must not ask about beyond the person's own query.
_READ_WITH_THE_PERSON = (
    '"accounts_roleassignment"',
    '"auth_permission"',
    '"mfa_authenticator"',
    '"notifications_notification"',
    '"onboarding_enrolment"',
)


def test_a_signed_in_page_asks_the_session_and_the_person_and_nothing_more(
    client, django_assert_num_queries
):
    person = UserFactory()
    client.force_login(person)
    client.get("/fi/accessibility/")
    with django_assert_num_queries(2):  # the session, the person
        assert client.get("/fi/accessibility/").status_code == 200


def test_the_header_and_the_rules_ask_nothing_of_their_own(client):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=PlatformRole.COMMUNICATIONS)
    client.force_login(person)
    client.get("/fi/news/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fi/news/").status_code == 200
    others = [q["sql"] for q in queries if '"kaiku_roles_mask"' not in q["sql"]]
    assert not [sql for sql in others if any(table in sql for table in _READ_WITH_THE_PERSON)]


@pytest.mark.parametrize(
    "roles",
    [
        (),
        (PlatformRole.MODERATOR,),
        (PlatformRole.ADMINISTRATOR, PlatformRole.CHANGE_COORDINATOR),
        tuple(PlatformRole.values),
    ],
)
def test_the_roles_are_the_persons_roles(client, roles, django_assert_num_queries):
    person = UserFactory()
    for role in roles:
        RoleAssignmentFactory(user=person, role=role)
    user = signed_in(client, person)
    with django_assert_num_queries(0):
        assert user.roles == frozenset(roles)
        assert all(user.has_role(role) for role in roles)
    assert user.roles == User.objects.get(pk=person.pk).roles


def test_a_role_that_is_not_a_platform_role_is_read_on_its_own(client, django_assert_num_queries):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=PlatformRole.MODERATOR)
    RoleAssignment.objects.create(user=person, role="retired_role")
    user = signed_in(client, person)
    with django_assert_num_queries(1):
        assert user.roles == frozenset({PlatformRole.MODERATOR, "retired_role"})


def test_a_person_without_model_permissions_is_refused_without_a_query(
    client, django_assert_num_queries
):
    user = signed_in(client, UserFactory())
    with django_assert_num_queries(0):
        assert not user.has_perm("auth.view_group")
        assert user.get_all_permissions() == set()


def test_own_and_group_model_permissions_are_still_read(client):
    own, of_group = UserFactory(), UserFactory()
    own.user_permissions.add(Permission.objects.get(codename="view_group"))
    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="view_permission"))
    of_group.groups.add(group)
    assert signed_in(client, own).has_perm("auth.view_group")
    user = signed_in(client, of_group)
    assert user.has_perm("auth.view_permission")
    assert not user.has_perm("auth.view_group")


def test_a_superuser_has_every_model_permission(client, totp):
    person = UserFactory(is_superuser=True, is_staff=True)
    totp(person)
    assert signed_in(client, person).has_perm("auth.delete_group")


def test_the_totp_answer_is_the_persons(client, totp, django_assert_num_queries):
    without, with_totp = UserFactory(), UserFactory()
    totp(with_totp)
    for person, expected in ((without, False), (with_totp, True)):
        user = signed_in(client, person)
        with django_assert_num_queries(0):
            assert has_totp(user) is expected
    # A person read otherwise is asked.
    person = User.objects.get(pk=with_totp.pk)
    with django_assert_num_queries(1):
        assert has_totp(person) is True
