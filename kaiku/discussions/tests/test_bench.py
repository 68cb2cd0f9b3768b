from __future__ import annotations

import pytest

from kaiku.accounts.bench import BENCH_EMAIL_DOMAIN
from kaiku.accounts.tests.factories import UserFactory
from kaiku.discussions.bench import busy_target, reset_comments, step_comments
from kaiku.discussions.models import Comment
from kaiku.news.tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_bench_comments_are_deterministic_idempotent_and_one_item_is_busy():
    for n in range(3):
        NewsItemFactory(slug=f"bench-uutinen-{n}")
    UserFactory(email=f"a@{BENCH_EMAIL_DOMAIN}")
    step_comments(1_200)
    first = list(Comment.objects.order_by("pk").values_list("object_id", "body")[:5])
    step_comments(1_200)
    assert Comment.objects.count() == 1_200
    busy = busy_target()
    assert Comment.objects.filter(object_id=busy.pk).count() >= 1_000
    reset_comments()
    step_comments(1_200)
    assert list(Comment.objects.order_by("pk").values_list("object_id", "body")[:5]) == first


def test_the_most_voted_public_question_gets_a_thousand_comments():
    from kaiku.questions.models import QuestionStatus
    from kaiku.questions.tests.factories import QuestionFactory

    from ..bench import busy_question

    NewsItemFactory(slug="bench-uutinen-0")
    UserFactory(email=f"a@{BENCH_EMAIL_DOMAIN}")
    QuestionFactory(status=QuestionStatus.ANSWERED, vote_count=3)
    popular = QuestionFactory(status=QuestionStatus.ANSWERED, vote_count=9)
    assert busy_question() == popular
    step_comments(2_100)
    on_question = Comment.objects.filter(
        content_type__model="question", object_id=popular.pk, visibility="public"
    )
    assert on_question.count() == 1_000
