"""Comments in search: a comment is found only by people who may see what it hangs on, also
after the target changed without a save signal (a news item taken back to a draft, a meeting
deleted), because search asks the comments' own rule at read time."""

from __future__ import annotations

import pytest
from django.db import transaction

from kaiku.core import lifecycle
from kaiku.news.tests.factories import NewsItemFactory
from kaiku.search.analysis import parse_query
from kaiku.search.selectors import Search

from .. import services

pytestmark = pytest.mark.django_db(transaction=True)


def _found(viewer, text):
    search = Search(viewer=viewer, query=parse_query(text))
    return [hit.obj for hit in search.page(1).object_list]


def test_a_comment_on_a_news_item_taken_back_to_a_draft_is_no_longer_found(people):
    item = NewsItemFactory(title="Liikkeen luovutus", slug="liikkeen-luovutus")
    with transaction.atomic():
        comment = services.comment_create(
            actor=people["staff"], target=item, body="Lomapäivien siirtyminen mietityttää."
        )
    assert comment in _found(None, "lomapäivät")
    lifecycle.unpublish(item, actor=people["admin"])
    assert comment not in _found(None, "lomapäivät")
    assert comment not in _found(people["staff"], "lomapäivät")
