"""RSS 2.0 and Atom feeds of news (django.contrib.syndication).

Feeds are read by feed readers that carry no session, and their URLs get shared: they always
show what an anonymous visitor may see (published public items; related groups only when
public), whoever downloads them. An unknown keyword or a group anonymous visitors cannot see
answers 404.

Every link in a feed is absolute on ``settings.SITE_URL`` (``kaiku.core.urls_absolute``):
Django's syndication would otherwise prefix the Sites framework's domain (``example.com``).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kaiku.core.translations import pick, pick_html, wrap
from kaiku.core.urls_absolute import absolute_url
from kaiku.programme import selectors as programme_selectors

from . import selectors
from .listing import detail_url_prefix

FEED_LIMIT = 50


def feed_viewer() -> AnonymousUser:
    return AnonymousUser()


class NewsFeed(Feed):
    """All public news."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        return None

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # The feed's own address (Atom rel="self"); link() and item_link() are absolute already.
        feed.feed["feed_url"] = absolute_url(request.path)
        return feed

    def title(self, obj) -> str:
        return _("Kaiku – news")

    def link(self, obj) -> str:
        return absolute_url(reverse("news:list"))

    def description(self, obj) -> str:
        return _("News and announcements of the TE-services 2024 reform.")

    subtitle = description

    def filters(self, obj) -> dict:
        return {}

    def items(self, obj):
        items = selectors.news_feed_items(
            viewer=feed_viewer(), limit=FEED_LIMIT, **self.filters(obj)
        )
        # Each item's address (get_absolute_url) without a reverse() per item; kept on the
        # item, not on the feed: one Feed object serves every request.
        prefix = detail_url_prefix()
        for item in items:
            item.feed_path = f"{prefix}{item.slug}/"
        return items

    def item_link(self, item) -> str:
        return absolute_url(item.feed_path)

    def item_title(self, item) -> str:
        # In the feed's language (its address: /sv/…), else Finnish (modeltranslation).
        return item.title

    def item_description(self, item) -> str:
        """The summary and the body stored as sanitised HTML, each in the feed's language
        or marked ``lang="fi"`` where it falls back to Finnish."""
        text, language = pick(item, "summary")
        summary = str(wrap(text, language, tag="p")) if text else ""
        html, language = pick_html(item, "body")
        body = str(wrap(html, language, tag="div")) if html else ""
        return summary + body

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item) -> list[str]:
        return item.feed_categories


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed


class KeywordNewsFeed(NewsFeed):
    def get_object(self, request, slug: str):
        return selectors.keyword_get(slug=slug)

    def title(self, obj) -> str:
        return _("Kaiku – news: %(keyword)s") % {"keyword": obj.name}

    def link(self, obj) -> str:
        return absolute_url(obj.get_absolute_url())

    def filters(self, obj) -> dict:
        return {"keyword": obj}


class KeywordNewsAtomFeed(KeywordNewsFeed):
    feed_type = Atom1Feed


class GroupNewsFeed(NewsFeed):
    def get_object(self, request, programme_slug: str, slug: str):
        return programme_selectors.group_get_for_editing(
            viewer=feed_viewer(), programme_slug=programme_slug, slug=slug
        )

    def title(self, obj) -> str:
        return _("Kaiku – news: %(group)s") % {"group": obj.name}

    def link(self, obj) -> str:
        return absolute_url(f"{reverse('news:list')}?group={obj.pk}")

    def filters(self, obj) -> dict:
        return {"group": obj}


class GroupNewsAtomFeed(GroupNewsFeed):
    feed_type = Atom1Feed
