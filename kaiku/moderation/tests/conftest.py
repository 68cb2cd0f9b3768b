"""Fixtures of the moderation tests, and a moderated model of their own.

No capability's model is imported here (moderation imports none): ``Post`` is a small
moderated model in an isolated app registry, so it is invisible to migrations and to the
project-wide checks that walk the installed models; its table is created for the test
database once per session. The services are generic, so what holds for ``Post`` holds for
every registered moderated model.
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.apps.registry import Apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from kaiku.accounts.models import PlatformRole, User
from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.core.content import (
    Audience,
    Visibility,
    VisibleQuerySet,
    register_audience,
    visibility_field,
)
from kaiku.core.moderation import ModeratedModel, moderation_of, register_moderated

_registry = Apps()
_registry.register_model("accounts", User)


class Post(ModeratedModel):
    # No database constraint: the table lives for the whole session, outside Django's own
    # registry, and a foreign key to accounts_user would stop PostgreSQL from truncating
    # that table when a transactional test flushes the database.
    author = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    hidden_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    text = models.TextField()
    visibility = visibility_field()
    updated = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        app_label = "moderation_tests"
        apps = _registry
        verbose_name = "post"

    def __str__(self) -> str:
        return self.text[:50]

    def get_absolute_url(self) -> str:
        return f"/test-posts/{self.pk}/"


register_audience(Post, Audience(hidden_label=_("a post you can no longer see")))
if moderation_of(Post) is None:
    register_moderated(Post, excerpt=lambda post: post.text[:200], select_related=("author",))


@pytest.fixture(scope="session", autouse=True)
def _post_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if Post._meta.db_table not in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.create_model(Post)
    yield
    with django_db_blocker.unblock():
        if Post._meta.db_table in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.delete_model(Post)


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """The content type of ``Post`` is created in a test's transaction (no migration makes
    it): forget cached ids that a rolled-back test created."""
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def with_second_factor(person):
    Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    return person


@pytest.fixture
def people(people):
    moderator = UserFactory(full_name="Mikko Moderaattori")
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    return {
        **people,
        "moderator": with_second_factor(moderator),
        "author": UserFactory(full_name="Antti Kirjoittaja", preferred_language="en"),
        "reporters": [UserFactory(full_name=f"Raportoija {n}") for n in range(4)],
    }


@pytest.fixture
def post(people):
    return Post.objects.create(author=people["author"], text="Tyhmä kommentti, hävetkää.")


def make_post(author, **kwargs) -> Post:
    kwargs.setdefault("text", "Kommentti")
    return Post.objects.create(author=author, **kwargs)


__all__ = ["Post", "Visibility", "make_post", "with_second_factor"]
