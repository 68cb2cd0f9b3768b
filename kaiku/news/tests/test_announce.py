"""Scheduled news is announced to followers once its time comes, and only once."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kaiku.notifications.models import Notification
from kaiku.notifications.services import follow

from .. import services
from ..models import NewsItem
from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(people, keyword):
    follow(user=people["staff"], target=keyword)
    return people["staff"]


def _time_comes(item: NewsItem) -> None:
    """The scheduled time passes (moved into the past rather than waiting)."""
    NewsItem.objects.filter(pk=item.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_scheduled_item_is_announced_once_when_its_time_comes(
    people, keyword, follower, django_capture_on_commit_callbacks
):
    at = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.news_create(
            actor=people["communications"], title="Ajastettu", published_at=at, keywords=[keyword]
        )
    item.refresh_from_db()
    assert item.announced_at is None
    assert not Notification.objects.filter(user=follower).exists()
    assert services.news_announce_due() == 0  # not due yet

    _time_comes(item)
    assert services.news_announce_due() == 1
    item.refresh_from_db()
    assert item.announced_at is not None
    assert [n.title for n in Notification.objects.filter(user=follower)] == ["Ajastettu"]

    assert services.news_announce_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.news_update(actor=people["communications"], item=item, summary="Korjattu")
        services.news_publish(actor=people["communications"], item=item)
    assert Notification.objects.filter(user=follower).count() == 1


def test_immediate_publish_announces_once(
    people, keyword, follower, django_capture_on_commit_callbacks
):
    actor = people["communications"]
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.news_create(actor=actor, title="Heti", keywords=[keyword])
        services.news_publish(actor=actor, item=draft)
    draft.refresh_from_db()
    assert draft.announced_at is not None
    assert services.news_announce_due() == 0
    assert [n.title for n in Notification.objects.filter(user=follower)] == ["Heti"]


def test_publish_with_a_future_time_waits_for_the_runner(
    people, keyword, follower, django_capture_on_commit_callbacks
):
    actor = people["communications"]
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.news_create(actor=actor, title="Myöhemmin", keywords=[keyword])
        services.news_publish(
            actor=actor, item=draft, at=timezone.now() + datetime.timedelta(days=1)
        )
    assert not Notification.objects.filter(user=follower).exists()
    _time_comes(draft)
    assert services.news_announce_due() == 1
    assert Notification.objects.filter(user=follower).count() == 1


def test_an_item_claimed_by_another_runner_is_skipped(keyword, follower):
    item = NewsItemFactory(title="Kilpailu")
    item.keywords.add(keyword)
    # Another runner set the marker between this runner's query and its UPDATE.
    assert services._claim(item, timezone.now())
    assert not services._claim(item, timezone.now())
    assert services.news_announce_due() == 0
    assert not Notification.objects.filter(user=follower).exists()


def test_drafts_are_never_announced(keyword, follower):
    NewsItemFactory(title="Luonnos", published_at=None).keywords.add(keyword)
    assert services.news_announce_due() == 0
    assert not Notification.objects.filter(user=follower).exists()


def test_management_command_runs_and_enqueues(keyword, follower):
    item = NewsItemFactory(title="Komento")
    item.keywords.add(keyword)
    out = StringIO()
    call_command("announce_scheduled_news", stdout=out)
    assert "Announced 1 news item(s)." in out.getvalue()
    out = StringIO()
    call_command("announce_scheduled_news", "--enqueue", stdout=out)  # immediate backend
    assert "Queued" in out.getvalue()
    assert Notification.objects.filter(user=follower).count() == 1
