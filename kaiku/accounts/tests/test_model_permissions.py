"""Django's model permissions (the admin's) as ``has_perm`` reads them: the person's own and
their groups', read with one query whatever the number of object-less ``has_perm`` asked."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from kaiku.accounts.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _fresh(person) -> User:
    return User.objects.get(pk=person.pk)


def test_own_and_group_permissions_are_granted(django_assert_num_queries):
    person = UserFactory()
    person.user_permissions.add(_permission("news", "add_newsitem"))
    editors = Group.objects.create(name="editors")
    editors.permissions.add(_permission("news", "change_newsitem"))
    person.groups.add(editors)

    person = _fresh(person)
    with django_assert_num_queries(2):  # the roles (Kaiku's rules), the model permissions
        assert person.has_perm("news.add_newsitem")
        assert person.has_perm("news.change_newsitem")
        assert not person.has_perm("news.delete_newsitem")
        assert not person.has_perm("events.add_event")
    assert person.get_all_permissions() == {"news.add_newsitem", "news.change_newsitem"}


def test_a_person_without_model_permissions(django_assert_num_queries):
    person = _fresh(UserFactory())
    assert person.roles == frozenset()
    with django_assert_num_queries(1):
        assert not person.has_perm("news.add_newsitem")
        assert not person.has_perm("questions.triage_question")
        assert not person.has_perm("events.add_event")
    assert person.get_all_permissions() == set()


def test_forgetting_reads_them_again():
    person = _fresh(UserFactory())
    assert not person.has_perm("news.add_newsitem")
    person.user_permissions.add(_permission("news", "add_newsitem"))
    assert not person.has_perm("news.add_newsitem")  # kept on this user object
    del person._perm_cache
    assert person.has_perm("news.add_newsitem")


def test_superusers_and_inactive_people():
    superuser = _fresh(UserFactory(is_superuser=True))
    assert superuser.has_perm("news.delete_newsitem")
    assert "news.delete_newsitem" in superuser.get_all_permissions()
    assert len(superuser.get_all_permissions()) == Permission.objects.count()

    inactive = UserFactory(is_active=False)
    inactive.user_permissions.add(_permission("news", "add_newsitem"))
    inactive = _fresh(inactive)
    assert not inactive.has_perm("news.add_newsitem")
    assert inactive.get_all_permissions() == set()
