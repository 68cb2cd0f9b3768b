from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.organisations.tests.factories import OrganisationFactory, RegionFactory

from ..models import Choice, MatrixItem, Question, QuestionKind, Section, Survey

__all__ = ["OrganisationFactory", "RegionFactory", "RoleAssignmentFactory", "UserFactory"]


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open, published survey for everyone signed in."""

    class Meta:
        model = Survey

    title_fi = factory.Sequence(lambda n: f"Kysely {n}")
    title = factory.SelfAttribute("title_fi")
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    visibility = "staff"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    title_fi = factory.Sequence(lambda n: f"Osio {n}")
    title = factory.SelfAttribute("title_fi")
    order = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    survey = factory.SelfAttribute("section.survey")
    kind = QuestionKind.LIKERT
    scale_points = 5
    text_fi = factory.Sequence(lambda n: f"Väittämä {n}")
    text = factory.SelfAttribute("text_fi")
    order = factory.Sequence(lambda n: n)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.SINGLE, scale_points=None)
    text_fi = factory.Sequence(lambda n: f"Vaihtoehto {n}")
    text = factory.SelfAttribute("text_fi")
    order = factory.Sequence(lambda n: n)


class MatrixItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatrixItem

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.MATRIX)
    text_fi = factory.Sequence(lambda n: f"Osa-alue {n}")
    text = factory.SelfAttribute("text_fi")
    order = factory.Sequence(lambda n: n)
