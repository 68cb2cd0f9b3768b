"""The news list's rows, rendered in Python.

A page of the list shows 20 items. Rendering each through a template include, with a
prefetch of its keywords (a related manager and a queryset per row), ``reverse()`` per link
and a template tag per translated text, took about half of the page's uncached CPU at bench
scale. Here the items are read with the columns a row shows (``LIST_COLUMNS``), their
keywords with one query of plain values, and each row is built with ``format_html``: the
HTML the row include gave (``test_list_rows`` keeps the two the same).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from modeltranslation.manager import rewrite_lookup_key

from kaiku.core.content import Visibility
from kaiku.core.translations import language_order, pick, translated_languages, wrap

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
    name_columns = [f"name_{code}" for code in codes]
    order = f"keyword__{rewrite_lookup_key(Keyword, 'name')}"
    rows = (
        NewsItem.keywords.through.objects.filter(newsitem_id__in=item_ids)
        .order_by(order)
        .values_list("newsitem_id", "keyword__slug", *(f"keyword__{c}" for c in name_columns))
    )
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


def keyword_names(items: Sequence[NewsItem]) -> dict[int, list[str]]:
    """``{item id: [keyword name, ...]}`` in the page language (as ``keyword.name`` reads
    it), in the keywords' name order: the feeds' categories."""
    found = _keywords_by_item([item.pk for item in items])
    return {pk: [name for _slug, name, _language in rows] for pk, rows in found.items()}


def detail_url_prefix() -> str:
    """What an item's address is its slug and ``/`` after (``reverse`` once, not per row)."""
    return reverse("news:detail", kwargs={"slug": "-"})[: -len("-/")]


def list_rows(items: Sequence[NewsItem]) -> SafeString:
    """The ``<li>`` of each item, as the list's ``<ul class="card-list">`` holds them."""
    items = list(items)
    keywords = _keywords_by_item([item.pk for item in items])
    detail_prefix = detail_url_prefix()
    keyword_prefix = f"{reverse('news:list')}?keyword="
    pinned_badge = format_html('<span class="badge">{}</span> ', gettext("Pinned"))
    keywords_label = conditional_escape(gettext("Keywords"))
    parts: list[str] = []
    for item in items:
        title, title_language = pick(item, "title")
        summary, summary_language = pick(item, "summary")
        published = template_localtime(item.published_at)
        badge = ""
        if item.visibility != Visibility.PUBLIC:
            # " · " and the visibility badge (core/includes/_visibility_badge.html).
            label = item.get_visibility_display()
            badge = format_html(
                " · {}",
                format_html('<span class="badge badge--{}">{}</span>', item.visibility, label)
                if label
                else "",
            )
        parts.append(
            format_html(
                '<li class="card{}">\n'
                '  <h2 class="card__title"><a href="{}">{}</a></h2>\n'
                '  <p class="muted">{}{} · <time datetime="{}">{}</time>{}</p>\n'
                "  {}\n"
                "  {}\n"
                "</li>\n",
                " card--pinned" if item.pinned else "",
                f"{detail_prefix}{item.slug}/",
                wrap(title, title_language),
                pinned_badge if item.pinned else "",
                item.get_kind_display(),
                date_filter(published, "c"),
                date_filter(published, "j.n.Y"),
                badge,
                format_html("<p>{}</p>", wrap(summary, summary_language)) if summary else "",
                _keyword_line(keywords.get(item.pk), keyword_prefix, keywords_label),
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part built with format_html


def _keyword_line(keywords, prefix: str, label: str) -> SafeString | str:
    if not keywords:
        return ""
    links = [
        format_html('<a href="{}{}">{}</a>', prefix, urlencode(slug), wrap(name, language))
        for slug, name, language in keywords
    ]
    return format_html(
        '<p class="muted">{}: {}</p>',
        label,
        mark_safe(", ".join(links)),  # noqa: S308 - built with format_html
    )
