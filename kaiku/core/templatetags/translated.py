"""Official texts in the page's language, marked where they fall back to another one.

``{% load translated %}``

* ``{% translated obj "title" %}`` – the text; a Finnish fallback on a Swedish or English
  page comes as ``<span lang="fi">…</span>`` (WCAG 3.1.2, language of parts).
* ``{% translated_markdown obj "body" "prose" %}`` – the stored, sanitised HTML of a
  Markdown field in ``<div class="prose">``, with ``lang`` when it falls back.
* ``{{ obj|text_language:"title" }}`` – the language a text is shown in (for attributes).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from kaiku.core.translations import pick, pick_html, wrap

register = template.Library()


@register.simple_tag
def translated(obj, field: str) -> SafeString:
    text, language = pick(obj, field)
    return wrap(text, language)


@register.simple_tag
def translated_markdown(obj, field: str, css_class: str = "prose") -> SafeString:
    html, language = pick_html(obj, field)
    if not html:
        return html
    return wrap(html, language, tag="div", css_class=css_class)


@register.filter
def text_language(obj, field: str) -> str:
    return pick(obj, field)[1] or ""
