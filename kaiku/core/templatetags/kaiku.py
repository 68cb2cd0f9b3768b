"""Kaiku's shared template tags: ``{% load kaiku %}{{ text|markdown }}``,
``{% visibility_badge obj %}``."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from kaiku.core.content import Visibility
from kaiku.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Markdown rendered and sanitised (see kaiku.core.markdown)."""
    return render_markdown(text)


@register.inclusion_tag("core/includes/_visibility_badge.html")
def visibility_badge(obj) -> dict:
    """The badge of content that is not public: ``{% visibility_badge meeting %}``."""
    value = getattr(obj, "visibility", Visibility.PUBLIC)
    label = obj.get_visibility_display() if value != Visibility.PUBLIC else ""
    return {"value": value, "label": label}
