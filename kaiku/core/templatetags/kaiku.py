"""Kaiku's shared template filters: ``{% load kaiku %}{{ text|markdown }}``."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from kaiku.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Markdown rendered and sanitised (see kaiku.core.markdown)."""
    return render_markdown(text)
