from __future__ import annotations

import factory

from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from kaiku.core.content import Visibility
from kaiku.programme.tests.factories import (
    MembershipFactory,
    ProgrammeFactory,
    WorkingGroupFactory,
)

from ..models import Answer, AnswerDeadline, Question, QuestionStatus, QuestionVote, Topic
from ..similar import question_terms

__all__ = [
    "MembershipFactory",
    "ProgrammeFactory",
    "RoleAssignmentFactory",
    "UserFactory",
    "WorkingGroupFactory",
]


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Aihe {n}")
    slug = factory.Sequence(lambda n: f"aihe-{n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A public, new question. ``terms`` are left empty: the services compute them; tests of
    similar questions create questions through ``services.question_ask``."""

    class Meta:
        model = Question

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Kysymys numero {n}?")
    body = ""
    author = factory.SubFactory(UserFactory)
    status = QuestionStatus.NEW
    visibility = Visibility.PUBLIC
    terms = factory.LazyAttribute(lambda o: question_terms(o.title, o.body))


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory, status=QuestionStatus.ANSWERED)
    body = "Virallinen **vastaus**."
    author = factory.SubFactory(UserFactory)


class QuestionVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionVote

    question = factory.SubFactory(QuestionFactory)
    user = factory.SubFactory(UserFactory)


class AnswerDeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerDeadline

    group = factory.SubFactory(WorkingGroupFactory)
    days = 14
