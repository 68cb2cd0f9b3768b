"""Kaiku's shared template tags: ``{% load kaiku %}{{ text|markdown }}``,
``{% visibility_badge obj %}``."""

from __future__ import annotations

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kaiku.core import settings_generation
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


# --- Fragments rendered once per language -------------------------------------------------


class KeptNode(template.Node):
    """``{% kept %}…{% endkept %}``: the markup between is rendered once per process,
    language and URL prefix, then reused. It is rendered with an empty context, so only what
    needs no page or person may be inside: translated texts, ``{% url %}`` of fixed pages,
    ``{% static %}``. (Each ``{% translate %}`` or ``{% url %}`` costs dozens of calls; the
    header and footer hold about thirty of them on every page.)"""

    # Nothing inside is looked for page by page: ``{% extends %}`` walks the parent's nodes
    # on every render to find its blocks, and no block may be inside a kept fragment.
    child_nodelists = ()

    def __init__(self, nodelist) -> None:
        self.nodelist = nodelist
        self.rendered: dict[tuple, SafeString] = {}

    def render(self, context) -> SafeString:
        key = (settings_generation.current(), get_language(), get_script_prefix())
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = mark_safe(  # noqa: S308 - a template's own output
                self.nodelist.render(context.new())  # the same template, no values
            )
        return html


@register.tag("kept")
def kept(parser, token) -> KeptNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% kept %} takes no arguments.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist)
