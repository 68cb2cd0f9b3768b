from __future__ import annotations

from html.parser import HTMLParser

import feedparser
import pytest

from kaiku.core.content import Visibility

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def _feed_urls(keyword, group):
    base = "/fi/news/"
    return [
        f"{base}feed/rss/",
        f"{base}feed/atom/",
        f"{base}keywords/{keyword.slug}/feed/rss/",
        f"{base}keywords/{keyword.slug}/feed/atom/",
        f"{base}groups/{group.programme.slug}/{group.slug}/feed/rss/",
        f"{base}groups/{group.programme.slug}/{group.slug}/feed/atom/",
    ]


def _parse(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("who", ["anonymous", "staff", "communications", "admin"])
def test_feeds_show_only_published_public_items_whoever_asks(
    client, people, items, keyword, group, who
):
    if people[who] is not None:
        client.force_login(people[who])
    for url in _feed_urls(keyword, group):
        feed = _parse(client.get(url))
        assert [e.title for e in feed.entries] == ["Julkinen uutinen"], url
        assert feed.version in ("rss20", "atom10")


def test_feed_entry_fields(client, items, keyword):
    item = items["public"]
    item.body = "Katso [sivu](https://example.com/) <script>alert(1)</script>"
    item.save()
    feed = _parse(client.get("/fi/news/feed/rss/"))
    entry = feed.entries[0]
    assert entry.link.endswith(item.get_absolute_url())
    assert entry.published_parsed is not None
    assert [t.term for t in entry.tags] == ["TE2024"]
    assert "https://example.com/" in entry.summary
    assert "<script>" not in entry.summary
    atom = _parse(client.get("/fi/news/feed/atom/"))
    assert atom.entries[0].updated_parsed is not None


def test_keyword_and_group_feeds_filter(client, items, keyword, group):
    NewsItemFactory(title="Muu uutinen", slug="muu")
    all_titles = [e.title for e in _parse(client.get("/fi/news/feed/rss/")).entries]
    assert set(all_titles) == {"Julkinen uutinen", "Muu uutinen"}
    for url in _feed_urls(keyword, group)[2:]:
        assert [e.title for e in _parse(client.get(url)).entries] == ["Julkinen uutinen"]


def test_unknown_keyword_or_hidden_group_is_404(client, people, items, hidden_group):
    client.force_login(people["admin"])
    assert client.get("/fi/news/keywords/ei-ole/feed/rss/").status_code == 404
    assert client.get("/fi/news/groups/te24/ei-ole/feed/atom/").status_code == 404
    # Feeds are anonymous whoever asks: a group-only group has no feed.
    url = f"/fi/news/groups/{hidden_group.programme.slug}/{hidden_group.slug}/feed/rss/"
    assert client.get(url).status_code == 404


def test_feed_of_related_groups_hidden_from_anonymous(client, items, hidden_group):
    items["public"].related_groups.set([hidden_group])
    feed = _parse(client.get("/fi/news/feed/rss/"))
    assert "Salainen" not in feed.feed.get("title", "")
    assert [e.title for e in feed.entries] == ["Julkinen uutinen"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_links_use_the_sites_address(client, items, settings, kind):
    """Feed readers open links on the site's real address, not the Sites default."""
    settings.SITE_URL = "https://kaiku.example.fi"
    feed = _parse(client.get(f"/fi/news/feed/{kind}/"))
    assert feed.feed.link.startswith("https://kaiku.example.fi/fi/news/")
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith("https://kaiku.example.fi/"), entry.link
        assert entry.link.endswith(items["public"].get_absolute_url())
        assert "example.com" not in entry.id
    assert b"example.com" not in client.get(f"/fi/news/feed/{kind}/").content


class _AlternateLinks(HTMLParser):
    """The feeds a page advertises, as a feed reader finds them: ``<link rel="alternate">``."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.links.append((attrs["type"], attrs["href"]))


def _alternates(response) -> list[tuple[str, str]]:
    assert response.status_code == 200
    parser = _AlternateLinks()
    parser.feed(response.content.decode())
    return parser.links


def test_front_page_advertises_the_news_feeds(client, items):
    """A feed reader given the site's address finds the news feeds, and they work."""
    links = _alternates(client.get("/fi/"))
    assert ("application/rss+xml", "/fi/news/feed/rss/") in links
    assert ("application/atom+xml", "/fi/news/feed/atom/") in links
    for _type, href in links:
        assert [e.title for e in _parse(client.get(href)).entries] == ["Julkinen uutinen"]


def test_group_page_advertises_its_news_and_meeting_feeds(client, items, group):
    links = dict(_alternates(client.get(group.get_absolute_url())))
    base = f"/fi/news/groups/{group.programme.slug}/{group.slug}/feed/"
    assert links["application/rss+xml"] == f"{base}rss/"
    assert links["application/atom+xml"] == f"{base}atom/"
    assert [e.title for e in _parse(client.get(links["application/rss+xml"])).entries] == [
        "Julkinen uutinen"
    ]
    calendar = client.get(links["text/calendar"])
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")


def test_non_public_group_page_advertises_no_feed(client, people, group):
    """Its feeds answer 404 to feed readers: advertising them would only lead nowhere."""
    group.visibility = Visibility.STAFF
    group.save()
    client.force_login(people["staff"])
    assert _alternates(client.get(group.get_absolute_url())) == []


def test_feed_reads_two_queries_whatever_the_items(client, keyword, django_assert_num_queries):
    """The items with the columns an entry shows, then their keywords' names (in name order,
    as the categories were before): no query per item."""
    from .factories import KeywordFactory

    other = KeywordFactory(name="Aakkoset", slug="aakkoset")
    for n in range(5):
        NewsItemFactory(title=f"Uutinen {n}").keywords.add(keyword, other)
    client.get("/fi/news/feed/rss/")
    with django_assert_num_queries(2):
        feed = _parse(client.get("/fi/news/feed/rss/"))
    assert len(feed.entries) == 5
    assert [tag.term for tag in feed.entries[0].tags] == ["Aakkoset", keyword.name]
    assert feed.entries[0].link.endswith(f"/fi/news/{feed.entries[0].link.split('/')[-2]}/")
