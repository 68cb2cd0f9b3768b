"""The news archive: archived items are left out of the news list but can be browsed on the
site (`?archived=on`), with the same visibility and filters as the list."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ..models import NewsItem
from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db

LIST = "/en/news/"


def _archived(**kwargs):
    item = NewsItemFactory(**kwargs)
    NewsItem.objects.filter(pk=item.pk).update(archived_at=timezone.now())
    return item


def test_archived_items_are_listed_in_the_archive_only(client):
    current = NewsItemFactory(title="Ajankohtainen tiedote")
    old = _archived(title="Vanha tiedote vuodelta 2023")
    listed = client.get(LIST).content.decode()
    assert current.title in listed and old.title not in listed
    assert 'href="/en/news/?archived=on"' in listed
    archive = client.get(LIST, {"archived": "on"})
    html = archive.content.decode()
    assert archive.status_code == 200
    assert old.title in html and current.title not in html
    assert "<h1>News archive</h1>" in html


def test_the_archive_keeps_visibility(client, people):
    _archived(title="Henkilöstölle arkistoitu", visibility="staff")
    assert "Henkilöstölle arkistoitu" not in client.get(LIST, {"archived": "on"}).content.decode()
    client.force_login(people["staff"])
    assert "Henkilöstölle arkistoitu" in client.get(LIST, {"archived": "on"}).content.decode()


def test_the_archive_filters_like_the_list(client):
    _archived(title="Arkistoitu palkkauutinen")
    _archived(title="Arkistoitu lomauutinen")
    html = client.get(LIST, {"archived": "on", "q": "palkka"}).content.decode()
    assert "Arkistoitu palkkauutinen" in html and "Arkistoitu lomauutinen" not in html


def test_the_archive_query_count_does_not_grow(client, django_assert_max_num_queries):
    for i in range(3):
        _archived(title=f"Arkistoitu {i}")
    with django_assert_max_num_queries(12) as few:
        client.get(LIST, {"archived": "on"})
    for i in range(15):
        _archived(title=f"Lisää arkistoitu {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST, {"archived": "on"})
