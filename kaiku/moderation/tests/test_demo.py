"""The demo gives the moderators something to see: the decided reports behind the hidden
comment and an open case in the queue."""

from __future__ import annotations

import pytest

from kaiku.accounts.demo import load_demo_people
from kaiku.discussions.demo import load_demo_discussions
from kaiku.news.demo import load_demo_news
from kaiku.programme.demo import load_demo_programme

from ..demo import load_demo_moderation
from ..models import Report, Status

pytestmark = pytest.mark.django_db


def test_demo_reports_an_open_case_and_the_hidden_comment_once():
    load_demo_people()
    load_demo_programme()
    load_demo_news()
    load_demo_discussions()
    load_demo_moderation()
    assert Report.objects.filter(status=Status.OPEN).count() == 2
    assert Report.objects.filter(status=Status.UPHELD).count() == 2
    load_demo_moderation()
    assert Report.objects.count() == 4
