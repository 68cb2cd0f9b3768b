"""Demo data, the front page's "What is new", navigation and personal data."""

from __future__ import annotations

import pytest

from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY
from kaiku.core.content import Visibility

from ..demo import load_demo_news
from ..models import Keyword, NewsItem, NewsKind
from ..whatsnew import news_items
from .factories import NewsItemFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_varied():
    load_demo_news()
    counts = (NewsItem.objects.count(), Keyword.objects.count())
    load_demo_news()
    assert (NewsItem.objects.count(), Keyword.objects.count()) == counts
    assert counts[0] >= 11
    assert NewsItem.objects.filter(pinned=True).count() == 1
    assert NewsItem.objects.filter(visibility=Visibility.STAFF).count() == 1
    assert sum(item.is_scheduled for item in NewsItem.objects.all()) == 1
    report = NewsItem.objects.get(kind=NewsKind.MEETING_REPORT)
    assert report.title == "TE-palvelut 2024 -muutosvalmennuksen ohjausryhmä 9.12.2022"
    news = NewsItem.objects.get(slug="avoin-vuoropuhelu-ohjaa-te2024-uudistuksen-toimeenpanoa")
    assert news.published_at.date().isoformat() == "2022-12-14"
    assert "Tanja Ståhlberg" in news.contact_info


def test_whatsnew_shows_visible_published_items_in_one_query(
    people, items, django_assert_num_queries
):
    with django_assert_num_queries(1):
        titles = [i.title for i in news_items(viewer=None, limit=5)]
    assert titles == ["Julkinen uutinen"]
    NewsItemFactory(title="Kiinnitetty", pinned=True)
    staff_titles = [i.title for i in news_items(viewer=people["staff"], limit=5)]
    assert staff_titles[0] == "Kiinnitetty"
    assert set(staff_titles) == {"Kiinnitetty", "Julkinen uutinen", "Sisäinen uutinen"}


def test_front_page_and_navigation(client, items):
    content = client.get("/fi/").content.decode()
    assert "Julkinen uutinen" in content
    assert "Sisäinen uutinen" not in content
    assert 'href="/fi/news/"' in content


def test_personal_data_export_and_removal(people, items):
    user = people["communications"]
    items["public"].contact_persons.add(user)
    items["draft"].author = user
    items["draft"].save()
    entry = PERSONAL_DATA_REGISTRY["news.newsitem"]
    exported = entry.export(user)
    assert exported["contact_for"] == ["Julkinen uutinen"]
    assert exported["authored"][0]["title"] == "Luonnos"
    entry.remove(user)
    assert not items["public"].contact_persons.exists()
    items["draft"].refresh_from_db()
    assert items["draft"].author is None


def test_bench_step_is_idempotent(django_assert_max_num_queries):
    from ..bench import reset_news, step_news

    WorkingGroupFactory(programme__slug="bench-ohjelma-1")
    assert step_news(30).startswith("30 news items created")
    assert step_news(40).startswith("10 news items created")
    assert NewsItem.objects.filter(slug__startswith="bench-uutinen-").count() == 40
    assert NewsItem.objects.filter(related_groups__isnull=False).count() == 40
    reset_news()
    assert not NewsItem.objects.exists()
