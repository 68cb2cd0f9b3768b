from __future__ import annotations

import pytest
from django.utils import timezone

from kaiku.accounts.demo import load_demo_people
from kaiku.core.content import Visibility
from kaiku.programme.demo import load_demo_programme
from kaiku.programme.models import EDITOR_ROLES, Membership
from kaiku.questions.demo import QUESTIONS, load_demo_questions
from kaiku.questions.models import (
    Answer,
    AnswerRevision,
    Question,
    QuestionStatus,
    QuestionVote,
    Topic,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(
            Question.all_objects.values_list(
                "title", "status", "vote_count", "created", "answered_at", "due_at", "group_id",
                "duplicate_of_id", "in_faq", "visibility", "terms",
            )
        ),
        sorted(Answer.objects.values_list("question__title", "body", "author_id", "updated")),
        AnswerRevision.objects.count(),
        sorted(QuestionVote.objects.values_list("question_id", "user_id")),
        Topic.objects.count(),
    )  # fmt: skip


def test_demo_questions_are_realistic_and_loading_twice_changes_nothing():
    load_demo_people()
    load_demo_programme()
    load_demo_questions()
    first = _snapshot()
    load_demo_questions()
    assert _snapshot() == first

    questions = Question.all_objects.all()
    assert questions.count() == len(QUESTIONS) >= 30
    answered = questions.filter(status=QuestionStatus.ANSWERED)
    assert answered.count() > questions.count() / 2
    # Answered by the chair or secretary of the group, with the time.
    for question in answered.select_related("answer"):
        assert question.answered_at is not None and question.answer.author is not None
        assert Membership.objects.filter(
            group=question.group, person=question.answer.author, role__in=EDITOR_ROLES
        ).exists(), question.title
    assert AnswerRevision.objects.exists()
    # Open, overdue (relative to now), assigned, with an expert.
    now = timezone.now()
    open_ = questions.filter(status__in=[QuestionStatus.NEW, QuestionStatus.ASSIGNED])
    assert open_.filter(status=QuestionStatus.NEW).exists()
    assert open_.filter(due_at__lt=now).count() >= 2
    assert open_.filter(due_at__gte=now, status=QuestionStatus.ASSIGNED).exists()
    assert open_.exclude(assignee=None).exists()
    # One merged duplicate: its votes are its original's.
    duplicate = questions.get(status=QuestionStatus.DUPLICATE)
    assert duplicate.duplicate_of is not None and duplicate.vote_count == 0
    assert not QuestionVote.objects.filter(question=duplicate).exists()
    assert QuestionVote.objects.filter(
        question=duplicate.duplicate_of, user=duplicate.author
    ).exists()
    closed = questions.get(status=QuestionStatus.CLOSED)
    assert closed.closed_reason and closed.closed_at
    assert questions.filter(in_faq=True).count() >= 5
    assert questions.filter(visibility=Visibility.STAFF).count() >= 2
    # Votes from several people, counted.
    for question in questions:
        assert question.vote_count == question.votes.count()
        assert question.terms
    assert questions.filter(vote_count__gte=3).count() >= 5
