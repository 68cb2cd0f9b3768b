"""``{% load moderation %}{% report_link obj %}``: a "Report" link next to a moderated post.

It renders nothing for anonymous visitors, for the post's author, and for content that is not
a registered moderated model; moderators and administrators get a "Moderate" link to the
post's case page instead. No query: the link leads to a form page that checks the rest
(whether the person may see the post, and whether they already reported it). The link works
without JavaScript.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

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
    kwargs = {"model": model_key(type(obj)), "pk": obj.pk}
    links = {"label": label or moderated.excerpt(obj)[:80]}
    if user.has_perm("moderation.moderate"):
        links["moderate_url"] = reverse("moderation:case", kwargs=kwargs)
    elif author_id_of(obj) != user.pk:
        links["report_url"] = reverse("moderation:report", kwargs=kwargs)
    else:
        return ""
    return render_to_string("moderation/includes/_report_link.html", links)
