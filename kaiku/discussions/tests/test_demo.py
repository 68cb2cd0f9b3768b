from __future__ import annotations

import pytest

from kaiku.accounts.demo import load_demo_people
from kaiku.discussions.demo import load_demo_discussions
from kaiku.discussions.models import Comment, CommentRevision, Discussion
from kaiku.news.demo import load_demo_news
from kaiku.programme.demo import load_demo_programme

pytestmark = pytest.mark.django_db


def test_demo_discussions_are_idempotent_with_hidden_edited_and_removed_comments():
    load_demo_people()
    load_demo_programme()
    load_demo_news()
    load_demo_discussions()
    counts = (Discussion.objects.count(), Comment.all_objects.count())
    load_demo_discussions()
    assert (Discussion.objects.count(), Comment.all_objects.count()) == counts
    assert counts[0] == 2 and counts[1] >= 10
    hidden = Comment.all_objects.get(hidden_at__isnull=False)
    assert hidden.hidden_reason and hidden.hidden_by is not None
    assert Comment.all_objects.filter(deleted_at__isnull=False).count() == 1
    assert CommentRevision.objects.count() == 1
