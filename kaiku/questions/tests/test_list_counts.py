"""The question list's status counts are kept per kind of viewer until the content changes
(counting 100,000 questions reads every row): a person's own hidden questions are still
counted for them alone, and a write shows in the next count."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.utils import timezone

from kaiku.core.content import Visibility
from kaiku.questions import selectors
from kaiku.questions.models import QuestionStatus

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.KAIKU_PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def questions(people, programme):
    QuestionFactory.create_batch(3, programme=programme)
    QuestionFactory(programme=programme, status=QuestionStatus.ANSWERED)
    QuestionFactory(programme=programme, visibility=Visibility.STAFF)
    QuestionFactory(programme=programme, author=people["asker"], hidden_at=timezone.now())


def test_each_kind_of_viewer_gets_its_own_counts(people, questions):
    anonymous = selectors.status_counts(viewer=None)
    assert anonymous[QuestionStatus.NEW] == 3 and anonymous[QuestionStatus.ANSWERED] == 1
    staff = selectors.status_counts(viewer=people["other"])
    assert staff[QuestionStatus.NEW] == 4  # and the staff-only question
    # The asker sees their own hidden question; the next signed-in person does not.
    assert selectors.status_counts(viewer=people["asker"])[QuestionStatus.NEW] == 5
    assert selectors.status_counts(viewer=people["other"])[QuestionStatus.NEW] == 4
    assert selectors.status_counts(viewer=people["moderator"])[QuestionStatus.NEW] == 5


def test_a_new_question_shows_in_the_next_count(people, programme, questions, client):
    assert selectors.status_counts(viewer=None)[QuestionStatus.NEW] == 3
    QuestionFactory(programme=programme)
    assert selectors.status_counts(viewer=None)[QuestionStatus.NEW] == 4


def test_the_list_total_comes_from_the_counts(people, questions, client, django_assert_num_queries):
    """No separate COUNT of the list: the status counts hold the total."""
    response = client.get("/fi/questions/?status=new")
    assert response.context["page_obj"].paginator.count == 3
    assert response.context["total"] == 4
    assert len(response.context["questions"]) == 3
