"""RSS 2.0 and Atom feeds of news, written in Python.

Feeds are read by feed readers that carry no session, and their URLs get shared: they always
show what an anonymous visitor may see (published public items; related groups only when
public), whoever downloads them. An unknown keyword or a group anonymous visitors cannot see
answers 404.

Every link in a feed is absolute on ``settings.SITE_URL`` (``kaiku.core.urls_absolute``).

The documents are the ones ``django.contrib.syndication`` with ``Rss201rev2Feed`` and
``Atom1Feed`` wrote (the same elements, attributes and order; ``tests/test_feeds.py`` keeps
them the same): building them through its generator, an XML SAX writer and a dozen dynamic
look-ups per entry was most of the feed's CPU. Every text goes through ``_text`` (what the
SAX writer's ``characters`` escapes) and every attribute through ``_attribute``
(``quoteattr``); a text with a control character (not allowed in XML 1.0) fails loudly, as
the generator did.
"""

from __future__ import annotations

import datetime
import re
from xml.sax.saxutils import quoteattr

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.timezone import get_default_timezone, make_aware
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.xmlutils import UnserializableContentError

from kaiku.core.markdown import render_markdown
from kaiku.core.translations import current_language, language_order
from kaiku.core.urls_absolute import absolute_url
from kaiku.programme import selectors as programme_selectors

from . import selectors
from .listing import detail_url_prefix, feed_columns

FEED_LIMIT = 50

RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8"
ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"
_XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")
# An address made of these needs no iri_to_uri (it would return it unchanged).
_PLAIN_URL = re.compile(r"[-A-Za-z0-9._~/:?=&%#]*")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def feed_viewer() -> AnonymousUser:
    return AnonymousUser()


def _text(value: str) -> str:
    """An element's text as ``xml.sax.saxutils.XMLGenerator.characters`` writes it."""
    if _CONTROL.search(value):
        raise UnserializableContentError("Control characters are not supported in XML 1.0")
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _element(name: str, value: str) -> str:
    """``<name>value</name>``, or ``<name/>`` for an empty text (as the generator wrote)."""
    return f"<{name}>{_text(value)}</{name}>" if value else f"<{name}/>"


def _attribute(value: str) -> str:
    """An attribute's value with its quotes (``quoteattr``), for texts from the database."""
    return quoteattr(value)


def _url(path: str) -> str:
    """``path`` on the site's address, as an IRI turned into a URI (``iri_to_uri``)."""
    url = absolute_url(path)
    return url if _PLAIN_URL.fullmatch(url) else iri_to_uri(url)


def _aware(value: datetime.datetime) -> datetime.datetime:
    return make_aware(value, get_default_timezone()) if value.tzinfo is None else value


def _rfc2822(value: datetime.datetime) -> str:
    """``email.utils.format_datetime`` (the RSS dates) of an aware time."""
    return (
        f"{_DAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month - 1]} "
        f"{value.year:04d} {value:%H:%M:%S %z}"
    )


class _Entry:
    """What an entry shows, worked out once for either format."""

    __slots__ = ("categories", "description", "link", "published", "title", "updated")

    def __init__(self, title, link, description, published, updated, categories) -> None:
        self.title = title
        self.link = link
        self.description = description
        self.published = published
        self.updated = updated
        self.categories = categories


def _entries(rows: list[tuple], categories: dict[int, list[str]]) -> list[_Entry]:
    """The entries of ``selectors.news_feed_rows``: the title, summary and body in the feed's
    language, or marked ``lang="…"`` where they fall back to another one."""
    page_language = current_language()
    order = language_order(page_language)
    columns = feed_columns()
    position = {name: index for index, name in enumerate(columns)}
    titles = [position[f"title_{code}"] for code in order]
    summaries = [(position[f"summary_{code}"], code) for code in order]
    bodies = [(position[f"body_{code}"], position[f"body_html_{code}"], code) for code in order]
    prefix = detail_url_prefix()
    entries = []
    for row in rows:
        pk, slug, published, updated = row[0], row[1], row[2], row[3]
        title = next((row[p] for p in titles if row[p]), "")
        description = ""
        for p, code in summaries:
            if row[p]:
                lang = f' lang="{code}"' if code != page_language else ""
                description = f"<p{lang}>{escape(row[p])}</p>"
                break
        for p, html_position, code in bodies:
            if row[p]:
                # Rendered and sanitised when the row was saved (a bulk load has no HTML yet).
                html = row[html_position] or render_markdown(row[p])
                if html:
                    lang = f' lang="{code}"' if code != page_language else ""
                    description += f"<div{lang}>{html}</div>"
                break
        entries.append(
            _Entry(
                title,
                _url(f"{prefix}{slug}/"),
                description,
                published if published is None else _aware(published),
                updated if updated is None else _aware(updated),
                categories.get(pk, ()),
            )
        )
    return entries


def _latest(entries: list[_Entry]) -> datetime.datetime:
    """The newest of the entries' times (the generator's ``latest_post_date``)."""
    dates = [d for entry in entries for d in (entry.updated, entry.published) if d]
    return max(dates) if dates else datetime.datetime.now(tz=datetime.UTC)


class NewsFeed:
    """All public news, as RSS 2.0."""

    atom = False

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("Feed object does not exist.") from exc
        rows, categories = selectors.news_feed_rows(
            viewer=feed_viewer(), limit=FEED_LIMIT, **self.filters(obj)
        )
        entries = _entries(rows, categories)
        latest = _latest(entries)
        write = self._atom if self.atom else self._rss
        content_type = ATOM_CONTENT_TYPE if self.atom else RSS_CONTENT_TYPE
        response = HttpResponse(write(obj, request, entries, latest), content_type=content_type)
        # For ConditionalGetMiddleware's 304, as Django's syndication sets it.
        response.headers["Last-Modified"] = http_date(latest.timestamp())
        return response

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj) -> str:
        return _("Kaiku – news")

    def link(self, obj) -> str:
        return reverse("news:list")

    def description(self, obj) -> str:
        return _("News and announcements of the TE-services 2024 reform.")

    def filters(self, obj) -> dict:
        return {}

    def _rss(self, obj, request, entries: list[_Entry], latest: datetime.datetime) -> str:
        parts = [
            _XML_DECLARATION,
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
            _element("title", str(self.title(obj))),
            _element("link", _url(self.link(obj))),
            _element("description", str(self.description(obj))),
            f'<atom:link href={_attribute(_url(request.path))} rel="self"/>',
            _element("language", get_language()),
            _element("lastBuildDate", _rfc2822(latest)),
        ]
        for entry in entries:
            link = _element("link", entry.link)
            parts.append(f"<item>{_element('title', entry.title)}{link}")
            parts.append(_element("description", entry.description))
            if entry.published is not None:
                parts.append(_element("pubDate", _rfc2822(entry.published)))
            parts.append(_element("guid", entry.link))
            parts.extend(_element("category", name) for name in entry.categories)
            parts.append("</item>")
        parts.append("</channel></rss>")
        return "".join(parts)

    def _atom(self, obj, request, entries: list[_Entry], latest: datetime.datetime) -> str:
        link = _url(self.link(obj))
        parts = [
            _XML_DECLARATION,
            f'<feed xml:lang={_attribute(get_language())} xmlns="http://www.w3.org/2005/Atom">',
            _element("title", str(self.title(obj))),
            f'<link href={_attribute(link)} rel="alternate"/>',
            f'<link href={_attribute(_url(request.path))} rel="self"/>',
            _element("id", link),
            _element("updated", latest.isoformat()),
            _element("subtitle", str(self.description(obj))),
        ]
        for entry in entries:
            parts.append(
                f"<entry>{_element('title', entry.title)}"
                f'<link href={_attribute(entry.link)} rel="alternate"/>'
            )
            if entry.published is not None:
                parts.append(_element("published", entry.published.isoformat()))
            if entry.updated is not None:
                parts.append(_element("updated", entry.updated.isoformat()))
            parts.append(_element("id", entry.link))
            parts.append(
                f'<summary type="html">{_text(entry.description)}</summary>'
                if entry.description
                else '<summary type="html"/>'
            )
            parts.extend(f"<category term={_attribute(name)}/>" for name in entry.categories)
            parts.append("</entry>")
        parts.append("</feed>")
        return "".join(parts)


class NewsAtomFeed(NewsFeed):
    atom = True


class KeywordNewsFeed(NewsFeed):
    def get_object(self, request, slug: str):
        return selectors.keyword_get(slug=slug)

    def title(self, obj) -> str:
        return _("Kaiku – news: %(keyword)s") % {"keyword": obj.name}

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def filters(self, obj) -> dict:
        return {"keyword": obj}


class KeywordNewsAtomFeed(KeywordNewsFeed):
    atom = True


class GroupNewsFeed(NewsFeed):
    def get_object(self, request, programme_slug: str, slug: str):
        return programme_selectors.group_get_for_editing(
            viewer=feed_viewer(), programme_slug=programme_slug, slug=slug
        )

    def title(self, obj) -> str:
        return _("Kaiku – news: %(group)s") % {"group": obj.name}

    def link(self, obj) -> str:
        return f"{reverse('news:list')}?group={obj.pk}"

    def filters(self, obj) -> dict:
        return {"group": obj}


class GroupNewsAtomFeed(GroupNewsFeed):
    atom = True
