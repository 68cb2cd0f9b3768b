from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from .. import services
from ..models import NewsItem

pytestmark = pytest.mark.django_db


def test_create_makes_a_unique_slug_and_a_draft(people):
    actor = people["communications"]
    first = services.news_create(actor=actor, title="Tärkeä tiedote")
    second = services.news_create(actor=actor, title="Tärkeä tiedote")
    assert (first.slug, second.slug) == ("tarkea-tiedote", "tarkea-tiedote-2")
    assert first.published_at is None and not first.is_published
    assert first.author == actor


def test_invalid_data_saves_nothing(people, keyword):
    with pytest.raises(ValidationError):
        services.news_create(
            actor=people["communications"], title="", visibility="group", keywords=[keyword]
        )
    assert not NewsItem.objects.exists()


def test_unknown_field_is_a_programming_error(people):
    with pytest.raises(TypeError):
        services.news_create(actor=people["communications"], title="x", author=None)


def test_publish_now_and_keep_date(people, items):
    draft = items["draft"]
    services.news_publish(actor=people["admin"], item=draft)
    assert draft.is_published
    published_at = items["public"].published_at
    services.news_publish(actor=people["admin"], item=items["public"])
    assert items["public"].published_at == published_at


def test_update_sets_fields_and_relations(people, items, group):
    item = services.news_update(
        actor=people["admin"], item=items["public"], title="Uusi otsikko", related_groups=[]
    )
    item.refresh_from_db()
    assert item.title == "Uusi otsikko"
    assert not item.related_groups.exists()


def test_schedule(people):
    at = timezone.now() + datetime.timedelta(days=1)
    item = services.news_create(actor=people["communications"], title="Tuleva", published_at=at)
    assert item.is_scheduled and not item.is_published


def test_followers_are_notified_once_when_the_item_is_out(
    people, keyword, django_capture_on_commit_callbacks
):
    from kaiku.notifications.models import Notification
    from kaiku.notifications.services import follow

    follower = people["staff"]
    follow(user=follower, target=keyword)
    actor = people["communications"]
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.news_create(actor=actor, title="Luonnos", keywords=[keyword])
    assert not Notification.objects.filter(user=follower).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.news_update(actor=actor, item=draft, summary="Valmis")
        services.news_publish(actor=actor, item=draft)
    with django_capture_on_commit_callbacks(execute=True):
        services.news_update(actor=actor, item=draft, summary="Korjattu")
        services.news_publish(actor=actor, item=draft)
    notifications = Notification.objects.filter(user=follower)
    assert [n.title for n in notifications] == ["Luonnos"]
    assert not Notification.objects.filter(user=actor).exists()


def test_a_slug_taken_meanwhile_gets_another_not_an_error(people, monkeypatch):
    """Two items with the same title sent at the same moment both find the slug free; the
    second one takes another slug instead of failing (seen as a 500 on PostgreSQL)."""
    first = services.news_create(actor=people["communications"], title="Rekrytointi alkaa")
    monkeypatch.setattr(services, "unique_slug", lambda title, **kwargs: first.slug)
    second = services.news_create(actor=people["communications"], title="Rekrytointi alkaa")
    assert second.pk != first.pk
    assert second.slug.startswith(first.slug + "-")


def test_same_title_at_the_same_moment_makes_two_items(people, transactional_db):
    from kaiku.core.tests.concurrency import run_at_once, skip_unless_concurrent_db

    skip_unless_concurrent_db()
    from kaiku.accounts.models import User

    actor = User.objects.get(pk=people["communications"].pk)
    items = run_at_once(8, lambda: services.news_create(actor=actor, title="Samaan aikaan").slug)
    assert len(set(items)) == 8
