"""``{% load moderation %}{% report_link obj %}``: a "Report" link next to a moderated post.

It renders nothing for anonymous visitors, for the post's author, and for content that is not
a registered moderated model; moderators and administrators get a "Moderate" link to the
post's case page instead. No query: the link leads to a form page that checks the rest
(whether the person may see the post, and whether they already reported it). The link works
without JavaScript.

A thread shows the link on every comment: the markup is written here, not rendered from a
template, and the URLs come from ``reverse_cached`` (no ``reverse`` per comment).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from kaiku.core.links import reverse_cached
from kaiku.core.moderation import author_id_of, model_key, moderation_of
from kaiku.core.predicates import is_authenticated

register = template.Library()


@register.simple_tag(takes_context=True)
def report_link(context, obj, label: str = "") -> str:
    """``label`` names the post for screen readers ("Report: <label>"); the excerpt by
    default."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    moderated = moderation_of(type(obj)) if obj is not None else None
    if moderated is None or obj.pk is None or not is_authenticated(user):
        return ""
    label = label or moderated.excerpt(obj)[:80]
    key = model_key(type(obj))
    if user.has_perm("moderation.moderate"):
        return format_html(
            '<a class="report-link" href="{}">{}<span class="visually-hidden">: {}</span></a>\n',
            reverse_cached("moderation:case", model=key, pk=obj.pk),
            gettext("Moderate"),
            label,
        )
    if author_id_of(obj) != user.pk:
        return format_html(
            '<a class="report-link" href="{}" rel="nofollow">{}'
            '<span class="visually-hidden">: {}</span></a>\n',
            reverse_cached("moderation:report", model=key, pk=obj.pk),
            gettext("Report"),
            label,
        )
    return ""
