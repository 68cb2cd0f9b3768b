"""``{% load moderation %}{% report_link obj %}``: a "Report" link next to a moderated post
(``kaiku.core.moderation.report_link``, where threads written in Python also get it).

It renders nothing for anonymous visitors, for the post's author, and for content that is not
a registered moderated model; moderators and administrators get a "Moderate" link to the
post's case page instead. No query: the link leads to a form page that checks the rest
(whether the person may see the post, and whether they already reported it). The link works
without JavaScript.
"""

from __future__ import annotations

from django import template

from kaiku.core import moderation

register = template.Library()


@register.simple_tag(takes_context=True)
def report_link(context, obj, label: str = "") -> str:
    """``label`` names the post for screen readers ("Report: <label>"); the excerpt by
    default."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return moderation.report_link(user, obj, label)
