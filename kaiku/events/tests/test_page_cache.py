"""Events and teams in the anonymous page cache (kaiku/core/cache.py): their public pages and
API answers are served from the cache, and a change of an event, a registration or a team
makes them out of date at once (before, the API answers stayed up to a minute old). Live
questions and votes, many a minute during an event, do not empty the whole site's cache."""

from __future__ import annotations

import pytest

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core import cache as page_cache
from kaiku.core.tests.page_cache import cache_on  # noqa: F401 (an autouse fixture)
from kaiku.teams.tests.factories import TeamFactory

from ..models import LiveQuestion, LiveVote
from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return EventFactory(title_fi="Avoin infotilaisuus", title="Avoin infotilaisuus",
                        visibility="public", capacity=10)  # fmt: skip


def _second(client, path):
    client.get(path)
    return client.get(path)


@pytest.mark.parametrize("path", ["/fi/events/", "/api/v1/events/", "/fi/teams/", "/api/v1/teams/"])
def test_public_event_and_team_pages_are_cached(client, event, path):
    TeamFactory()
    response = _second(client, path)
    assert response.status_code == 200
    assert response["X-Kaiku-Cache"] == "hit"


def test_the_event_page_is_cached(client, event):
    assert _second(client, event.get_absolute_url())["X-Kaiku-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/fi/events/", "/api/v1/events/"])
def test_a_new_event_shows_at_once(client, event, path, django_capture_on_commit_callbacks):
    assert _second(client, path)["X-Kaiku-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(title_fi="Uusi luento", title="Uusi luento", visibility="public")
    response = client.get(path)
    assert response["X-Kaiku-Cache"] == "miss"
    assert "Uusi luento" in response.content.decode()


def test_a_registration_and_a_team_change_invalidate(client, event):
    before = page_cache.content_generation()
    RegistrationFactory(event=event)
    after_registration = page_cache.content_generation()
    assert after_registration != before
    TeamFactory()
    assert page_cache.content_generation() != after_registration


def test_live_questions_and_votes_do_not_invalidate(event):
    person = UserFactory()
    before = page_cache.content_generation()
    question = LiveQuestion.objects.create(event=event, author=person, text="Milloin?")
    LiveVote.objects.create(question=question, person=person)
    assert page_cache.content_generation() == before
