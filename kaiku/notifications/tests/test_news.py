from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.news import services as news_services
from kaiku.news.tests.factories import KeywordFactory, NewsItemFactory

from .. import services
from ..models import Notification
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_publishing_news_notifies_group_and_keyword_followers(
    group, django_capture_on_commit_callbacks
):
    by_group, by_keyword, bystander = UserFactory.create_batch(3)
    services.follow(user=by_group, target=group)
    keyword = KeywordFactory(name="KOTO", slug="koto")
    services.follow(user=by_keyword, target=keyword)
    item = NewsItemFactory(title="Kotoutumisen uutinen", published_at=None)
    item.related_groups.set([group])
    item.keywords.set([keyword])
    with django_capture_on_commit_callbacks(execute=True):
        news_services.news_publish(actor=None, item=item)
        news_services.news_publish(actor=None, item=item)  # already out: nothing new
    rows = Notification.objects.all()
    assert {n.user for n in rows} == {by_group, by_keyword}
    assert {(n.kind, n.title, n.url) for n in rows} == {
        ("news_published", "Kotoutumisen uutinen", item.get_absolute_url())
    }
    assert not Notification.objects.filter(user=bystander).exists()


def test_drafts_and_scheduled_news_notify_nobody(group, django_capture_on_commit_callbacks):
    services.follow(user=UserFactory(), target=group)
    later = timezone.now() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        news_services.news_create(actor=None, title="Luonnos", related_groups=[group])
        news_services.news_create(
            actor=None, title="Ajastettu", related_groups=[group], published_at=later
        )
    assert not Notification.objects.exists()
