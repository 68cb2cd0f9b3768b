from __future__ import annotations

from html.parser import HTMLParser

import feedparser
import pytest
from django.contrib.auth.models import AnonymousUser

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


# --- The documents written in Python are the ones Django's syndication wrote -------------------


def _syndication_feeds():
    """The feeds as ``django.contrib.syndication`` wrote them before they were written in
    Python (kaiku.news.feeds): the reference their bytes are compared with."""
    from django.contrib.syndication.views import Feed
    from django.urls import reverse
    from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
    from django.utils.translation import gettext as _

    from kaiku.core.translations import pick, pick_html, wrap
    from kaiku.core.urls_absolute import absolute_url
    from kaiku.news import selectors
    from kaiku.news.models import NewsItem
    from kaiku.programme import selectors as programme_selectors

    class Reference(Feed):
        feed_type = Rss201rev2Feed

        def get_feed(self, obj, request):
            feed = super().get_feed(obj, request)
            feed.feed["feed_url"] = absolute_url(request.path)
            return feed

        def title(self, obj):
            return _("Kaiku – news")

        def link(self, obj):
            return absolute_url(reverse("news:list"))

        def description(self, obj):
            return _("News and announcements of the TE-services 2024 reform.")

        subtitle = description

        def filters(self, obj):
            return {}

        def items(self, obj):
            found = list(
                selectors.news_list(viewer=AnonymousUser(), related=False, **self.filters(obj))[:50]
            )
            for item in found:
                item.feed_categories = [k.name for k in item.keywords.order_by("name")]
            return found

        def item_link(self, item):
            return absolute_url(item.get_absolute_url())

        def item_title(self, item):
            return item.title

        def item_description(self, item):
            text, language = pick(item, "summary")
            summary = str(wrap(text, language, tag="p")) if text else ""
            html, language = pick_html(item, "body")
            body = str(wrap(html, language, tag="div")) if html else ""
            return summary + body

        def item_pubdate(self, item):
            return item.published_at

        def item_updateddate(self, item):
            return item.updated

        def item_categories(self, item):
            return item.feed_categories

    class KeywordReference(Reference):
        def get_object(self, request, slug):
            return selectors.keyword_get(slug=slug)

        def title(self, obj):
            return _("Kaiku – news: %(keyword)s") % {"keyword": obj.name}

        def link(self, obj):
            return absolute_url(obj.get_absolute_url())

        def filters(self, obj):
            return {"keyword": obj}

    class GroupReference(Reference):
        def get_object(self, request, programme_slug, slug):
            return programme_selectors.group_get_for_editing(
                viewer=AnonymousUser(), programme_slug=programme_slug, slug=slug
            )

        def title(self, obj):
            return _("Kaiku – news: %(group)s") % {"group": obj.name}

        def link(self, obj):
            return absolute_url(f"{reverse('news:list')}?group={obj.pk}")

        def filters(self, obj):
            return {"group": obj}

    assert NewsItem  # the items are read through news_list, as the feeds read them
    references = {}
    for name, cls in (("", Reference), ("keyword", KeywordReference), ("group", GroupReference)):
        references[(name, "rss")] = cls()
        atom = type(f"{cls.__name__}Atom", (cls,), {"feed_type": Atom1Feed})
        references[(name, "atom")] = atom()
    return references


def test_feeds_write_the_bytes_djangos_syndication_wrote(client, rf, keyword, group, settings):
    """Texts that need escaping (in the title, summary, body, keywords and the group's
    name), an item in Swedish only, one without a summary, one with an empty title, one
    loaded without its stored HTML: every feed, in every language, is byte for byte what
    ``django.contrib.syndication`` wrote, with the same Last-Modified."""
    from django.utils import translation

    from .factories import KeywordFactory

    settings.SITE_URL = "https://kaiku.example.fi/"
    group.name = 'Ryhmä "A" & <B>'
    group.save()
    quoted = KeywordFactory(name="Sano \"kyllä\" & 'ei' <nyt>", slug="sano")
    both = KeywordFactory(name="Mo'o", slug="moo")
    tricky = NewsItemFactory(
        title="Otsikko <b>\"&amp;\"</b> 'ja' ö",
        slug="otsikko",
        summary="Tiivistelmä & <em>muuta</em> \"lainaus\" 'heittomerkki'\nrivi",
        body="Teksti [linkki](https://example.com/?a=1&b=2) & <script>x()</script>",
    )
    tricky.keywords.add(keyword, quoted, both)
    tricky.related_groups.add(group)
    swedish = NewsItemFactory(
        title="",
        title_sv="Svensk rubrik",
        summary="",
        summary_sv="På svenska",
        body="",
        body_sv="Svensk *text*.",
        slug="svensk",
    )
    swedish.keywords.add(keyword)
    swedish.related_groups.add(group)
    NewsItemFactory(title="Ilman tiivistelmää", summary="", body="", slug="tyhja")
    NewsItemFactory(title="", summary="", body="", slug="ilman-otsikkoa")
    bulk = NewsItemFactory(title="Massalataus", slug="massa")
    bulk.keywords.add(keyword)
    from kaiku.news.models import NewsItem

    NewsItem.objects.filter(pk=bulk.pk).update(body_html_fi="", body="Ilman **HTML**:ää")

    references = _syndication_feeds()
    base = {
        "": (("",), {}),
        "keyword": ((f"keywords/{keyword.slug}/",), {"slug": keyword.slug}),
        "group": (
            (f"groups/{group.programme.slug}/{group.slug}/",),
            {"programme_slug": group.programme.slug, "slug": group.slug},
        ),
    }
    for language in ("fi", "sv", "en"):
        for (name, kind), reference in references.items():
            (middle,), kwargs = base[name]
            path = f"/{language}/news/{middle}feed/{kind}/"
            response = client.get(path)
            assert response.status_code == 200, path
            with translation.override(language):
                expected = reference(rf.get(path), **kwargs)
            assert response["Content-Type"] == expected["Content-Type"], path
            assert response["Last-Modified"] == expected["Last-Modified"], path
            assert response.content.decode() == expected.content.decode(), path
            _parse(response)


def test_a_control_character_fails_loudly_as_before(client, items):
    """XML 1.0 cannot carry it: the feed fails rather than write a document readers reject."""
    from django.utils.xmlutils import UnserializableContentError

    items["public"].title = "Ohjaus\x0bmerkki"
    items["public"].save()
    client.raise_request_exception = True
    with pytest.raises(UnserializableContentError):
        client.get("/fi/news/feed/rss/")
