"""The event list's rows written in Python: the same HTML as the include
``events/includes/_event_item.html`` (kept for reference and compared in the tests in fi, sv
and en), without a template include, its tags and filters per row."""

from __future__ import annotations

from django.template.defaultfilters import date as date_filter
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from kaiku.core.templatetags.translated import translated

from .models import Event


def _text(value) -> str:
    """``{{ value }}`` in a template: localised and escaped."""
    return conditional_escape(localize(value))


def _date(value, fmt: str) -> str:
    """``{{ value|date:fmt }}``: in the current time zone, escaped."""
    return conditional_escape(date_filter(template_localtime(value), fmt))


def event_item(event: Event, status: str | None, now) -> SafeString:
    """One ``<li>`` of the event list (``status``: the viewer's registration, if any)."""
    place = ""
    if event.location:
        place = f"· {_text(event.location)}"
    elif event.online_url:
        place = f"· {conditional_escape(gettext('Online'))}"
    organisation = f"· {_text(event.organisation.name)}" if event.organisation else ""
    cancelled = event.is_cancelled
    warning = '· <span class="badge badge--warning">{}</span>'
    draft = "" if event.published_at else warning.format(conditional_escape(gettext("Draft")))
    mine = ""
    if status == "registered":
        mine = f'· <span class="badge">{conditional_escape(gettext("You are registered"))}</span>'
    elif status == "waitlisted":
        mine = (
            f'· <span class="badge">{conditional_escape(gettext("You are on the waitlist"))}</span>'
        )
    places = ""
    if event.capacity and not cancelled and event.ends_at > now:
        if event.registered_count >= event.capacity:
            places = f"· {conditional_escape(gettext('Full'))}"
        else:
            counter = int(event.capacity)
            places = "· " + ngettext("%(counter)s place", "%(counter)s places", counter) % {
                "counter": _text(counter)
            }
    return mark_safe(
        '<li class="card event-item">\n'
        f'  <h2 class="card__title"><a href="{conditional_escape(event.get_absolute_url())}">'
        f"{translated(event, 'title')}</a></h2>\n"
        '  <p class="meta">\n'
        f'    <span class="badge">{_text(event.get_kind_display())}</span>\n'
        f'    <time datetime="{_date(event.starts_at, "c")}">'
        f"{_date(event.starts_at, 'D j.n.Y H:i')}</time>–{_date(event.ends_at, 'H:i')}\n"
        f"    {place}\n"
        f"    {organisation}\n"
        f"    {warning.format(conditional_escape(gettext('Cancelled'))) if cancelled else ''}\n"
        f"    {draft}\n"
        f"    {mine}\n"
        f"    {places}\n"
        "  </p>\n"
        "</li>\n"
    )


def event_items(rows, now) -> SafeString:
    """The rows of ``[(event, status), ...]``, one after the other."""
    return mark_safe("".join(event_item(event, status, now) for event, status in rows))
