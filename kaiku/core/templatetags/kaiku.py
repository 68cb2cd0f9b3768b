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


@register.filter(name="described_widget")
def described_widget(field) -> SafeString:
    """A field's widget, described by its error and help texts (the ids the shared form
    include gives them): ``aria-describedby`` and, with errors, ``aria-invalid``."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter(name="is_choice_group")
def is_choice_group(field) -> bool:
    """Checkboxes or radio buttons of one field: a fieldset with a legend."""
    return field.widget_type in ("checkboxselectmultiple", "radioselect")
