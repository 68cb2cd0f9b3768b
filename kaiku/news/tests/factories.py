from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.core.content import Visibility
from kaiku.programme.tests.factories import WorkingGroupFactory

from ..models import Keyword, NewsItem, NewsKind

__all__ = ["RoleAssignmentFactory", "UserFactory", "WorkingGroupFactory"]


class KeywordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Keyword
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"avainsana {n}")
    slug = factory.Sequence(lambda n: f"avainsana-{n}")


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    kind = NewsKind.NEWS
    title = factory.Sequence(lambda n: f"Uutinen {n}")
    slug = factory.Sequence(lambda n: f"uutinen-{n}")
    summary = "Lyhyt tiivistelmä."
    body = "Uutisen **leipäteksti**."
    visibility = Visibility.PUBLIC
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
