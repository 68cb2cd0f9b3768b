"""The news list's rows, rendered in Python.

A page of the list shows 20 items. Rendering each through a template include, with a
prefetch of its keywords (a related manager and a queryset per row), ``reverse()`` per link
and a template tag per translated text, took about half of the page's uncached CPU at bench
scale. Here the items are read with the columns a row shows (``list_columns``), their
keywords with one query of plain values, and each row is written with f-strings, every text
escaped: the HTML the row include gave (``tests/test_list_rows.py`` keeps the two the same).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import urlencode
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext
from modeltranslation.manager import rewrite_lookup_key

from kaiku.core.content import Visibility
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import run
from kaiku.core.translations import current_language, language_order, translated_languages

from .models import Keyword, NewsItem

#: What a row shows: ``QuerySet.only(*list_columns())``.
LIST_FIELDS = ("slug", "kind", "pinned", "published_at", "visibility")


def _columns(model, field: str) -> list[str]:
    return [f"{field}_{code}" for code in translated_languages(model, field)]


def list_columns() -> list[str]:
    return ["pk", *LIST_FIELDS, *_columns(NewsItem, "title"), *_columns(NewsItem, "summary")]


def feed_columns() -> list[str]:
    """What a feed's entry shows: the title, summary, body and its stored HTML, the dates."""
    texts = [_columns(NewsItem, field) for field in ("title", "summary", "body", "body_html")]
    return ["pk", "slug", "published_at", "updated", *(c for columns in texts for c in columns)]


def _keywords_by_item(item_ids: Sequence[int]) -> dict[int, list[tuple[str, str, str | None]]]:
    """``{item id: [(slug, name, name's language), ...]}`` in the keywords' name order (the
    page language's column, as ``Keyword.objects.order_by("name")`` sorts)."""
    if not item_ids:
        return {}
    codes = translated_languages(Keyword, "name")
    rows = run(_item_keywords, ids=list(item_ids))
    languages = language_order()
    found: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    for item_id, slug, *names in rows:
        texts = dict(zip(codes, names, strict=True))
        name, language = "", None
        for code in languages:
            if texts.get(code):
                name, language = texts[code], code
                break
        found[item_id].append((slug, name, language))
    return found


def _item_keywords(*, ids: list[int]) -> QuerySet:
    # The keywords of items ``ids`` (a kept query, ``kaiku.core.prepared``).
    name_columns = [f"keyword__name_{code}" for code in translated_languages(Keyword, "name")]
    order = f"keyword__{rewrite_lookup_key(Keyword, 'name')}"
    return (
        NewsItem.keywords.through.objects.filter(newsitem_id__in=ids)
        .order_by(order)
        .values_list("newsitem_id", "keyword__slug", *name_columns)
    )


def keyword_names(item_ids: Sequence[int]) -> dict[int, list[str]]:
    """``{item id: [keyword name, ...]}`` of the items ``item_ids`` in the page language (as
    ``keyword.name`` reads it), in the keywords' name order: the feeds' categories."""
    found = _keywords_by_item(item_ids)
    return {pk: [name for _slug, name, _language in rows] for pk, rows in found.items()}


def detail_url_prefix() -> str:
    """What an item's address is its slug and ``/`` after (``reverse`` once, not per row)."""
    return reverse_cached("news:detail", slug="-")[: -len("-/")]


def _escape(text: str) -> str:
    """``django.utils.html.escape`` of a plain string, without a call when nothing in it
    needs escaping (most titles and names)."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text)
    return text


def _text(text: str, language: str | None, page_language: str) -> str:
    """``kaiku.core.translations.wrap`` of an inline text from the database (a plain
    string), with the page's language worked out once for the whole list."""
    if language and language != page_language:
        return f'<span lang="{_escape(language)}">{_escape(text)}</span>'
    return _escape(text)


def _dates(value, zone) -> tuple[str, str]:
    """``value|date:"c"`` and ``value|date:"j.n.Y"`` of a template (``template_localtime``
    in the current time zone ``zone``, worked out once for the list)."""
    if value is None:
        return "", ""
    local = value.astimezone(zone) if zone is not None and value.tzinfo is not None else value
    return local.isoformat(), f"{local.day}.{local.month}.{local.year:04d}"


def list_rows(items: Sequence[NewsItem]) -> SafeString:
    """The ``<li>`` of each item, as the list's ``<ul class="card-list">`` holds them.

    Written with f-strings: every text from the database goes through
    ``escape`` (what ``format_html`` and the template's autoescape do to a plain string)."""
    items = list(items)
    keywords = _keywords_by_item([item.pk for item in items])
    page_language = current_language()
    zone = get_current_timezone() if settings.USE_TZ else None
    detail_prefix = escape(detail_url_prefix())
    keyword_prefix = escape(f"{reverse_cached('news:list')}?keyword=")
    # {% translate %} literals are written unescaped, as the template did.
    pinned = gettext("Pinned")
    pinned_badge = f'<span class="badge">{pinned}</span> '
    keywords_label = gettext("Keywords")
    links: dict[tuple, str] = {}
    # get_kind_display() and get_visibility_display(), escaped, once per value.
    kinds: dict[str, str] = {}
    badges: dict[str, str] = {}
    parts: list[str] = []
    # ``pick``'s choice, read from the loaded columns without a call per language.
    order = language_order(page_language)
    title_columns = [(f"title_{code}", code) for code in order]
    summary_columns = [(f"summary_{code}", code) for code in order]
    for item in items:
        loaded = item.__dict__
        title, title_language = "", None
        for column, code in title_columns:
            if loaded[column]:
                title, title_language = loaded[column], code
                break
        summary, summary_language = "", None
        for column, code in summary_columns:
            if loaded[column]:
                summary, summary_language = loaded[column], code
                break
        iso, day = _dates(item.published_at, zone)
        badge = ""
        if item.visibility != Visibility.PUBLIC:
            badge = badges.get(item.visibility)
            if badge is None:
                # " · " and the visibility badge (core/includes/_visibility_badge.html).
                label = item.get_visibility_display()
                badge = " · "
                if label:
                    badge += (
                        f'<span class="badge badge--{escape(item.visibility)}">'
                        f"{escape(label)}</span>"
                    )
                badges[item.visibility] = badge
        kind = kinds.get(item.kind)
        if kind is None:
            kind = kinds[item.kind] = escape(item.get_kind_display())
        summary_html = (
            f"<p>{_text(summary, summary_language, page_language)}</p>" if summary else ""
        )
        keyword_html = ""
        if item.pk in keywords:
            shown = []
            for keyword in keywords[item.pk]:
                link = links.get(keyword)
                if link is None:
                    slug, name, language = keyword
                    link = links[keyword] = (
                        f'<a href="{keyword_prefix}{escape(urlencode(slug))}">'
                        f"{_text(name, language, page_language)}</a>"
                    )
                shown.append(link)
            keyword_html = f'<p class="muted">{keywords_label}: {", ".join(shown)}</p>'
        parts.append(
            f'<li class="card{" card--pinned" if item.pinned else ""}">\n'
            f'  <h2 class="card__title"><a href="{detail_prefix}{_escape(item.slug)}/">'
            f"{_text(title, title_language, page_language)}</a></h2>\n"
            f'  <p class="muted">{pinned_badge if item.pinned else ""}'
            f'{kind} · <time datetime="{iso}">{day}</time>{badge}</p>\n'
            f"  {summary_html}\n"
            f"  {keyword_html}\n"
            "</li>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above
