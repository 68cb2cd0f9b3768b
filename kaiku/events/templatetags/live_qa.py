"""``{% live_qa_panel event %}``: the live Q&A panel on an event's page
(``events/live_panel.html``)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def live_qa_panel(context, event) -> str:
    from ..live import is_open_to
    from ..live_views import panel_context

    request = context.get("request")
    if request is None or event is None or not event.live_qa:
        return ""
    # The page's event, read by the page: checked as ``live.event_for`` would, not read again.
    if not is_open_to(request.user, event):
        return ""
    return render_to_string(
        "events/live_qa.html",
        {**panel_context(request, event), "heading_level": 2},
        request=request,
    )
