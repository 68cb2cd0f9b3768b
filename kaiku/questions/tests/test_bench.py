from __future__ import annotations

import pytest
from django.db.models import Count

from kaiku.accounts.bench import BENCH_EMAIL_DOMAIN
from kaiku.questions.bench import BATCH_SIZE, reset_questions, step_questions
from kaiku.questions.models import Answer, Question, QuestionStatus, QuestionVote
from kaiku.questions.similar import question_terms, similar_questions

from .factories import ProgrammeFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

COUNT = BATCH_SIZE + 300  # two batches: duplicates point into the first


@pytest.fixture
def bench_data():
    programme = ProgrammeFactory(slug="bench-ohjelma-1")
    for n in range(3):
        WorkingGroupFactory(programme=programme, slug=f"bench-ryhma-{n}")
    for n in range(20):
        UserFactory(email=f"henkilo{n}@{BENCH_EMAIL_DOMAIN}")


def _rows():
    return list(
        Question.all_objects.order_by("import_key").values_list(
            "import_key", "title", "status", "vote_count", "created", "terms"
        )
    )


def test_bench_questions_are_deterministic_idempotent_and_consistent(bench_data):
    report = step_questions(COUNT)
    assert report.startswith(f"{COUNT} questions")
    first = _rows()
    assert step_questions(COUNT).startswith("0 questions")
    assert Question.all_objects.count() == COUNT
    reset_questions()
    step_questions(COUNT)
    assert _rows() == first

    questions = Question.all_objects.all()
    answered = questions.filter(status=QuestionStatus.ANSWERED)
    assert 0.7 * COUNT < answered.count() < 0.9 * COUNT
    assert Answer.objects.count() == answered.count()
    assert not answered.filter(answered_at=None).exists()
    assert questions.filter(visibility="staff").exists()
    assert questions.values("title").distinct().count() > COUNT / 3
    # Merged duplicates point to an earlier question; votes are counted.
    duplicates = questions.filter(status=QuestionStatus.DUPLICATE)
    assert duplicates.exists() and not duplicates.filter(duplicate_of=None).exists()
    counted = dict(
        QuestionVote.objects.values("question").annotate(n=Count("pk")).values_list("question", "n")
    )
    assert counted
    for pk, vote_count in questions.values_list("pk", "vote_count"):
        assert vote_count == counted.get(pk, 0)
    # Their terms are the analysed text: they take part in similar matching.
    sample = questions.order_by("pk").first()
    assert sample.terms == question_terms(sample.title, sample.body)
    found = similar_questions(None, sample.title, k=3)
    assert found and found[0][1] > 0


def test_no_bench_people_or_groups_is_skipped():
    assert "skipped" in step_questions(10)
    assert not Question.all_objects.exists()
