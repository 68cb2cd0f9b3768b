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
