"""The event list's rows written in Python: the same HTML as the include
``events/includes/_event_item.html`` (kept for reference and compared in the tests in fi, sv
and en), without a template include, its tags and filters per row.

What is the same for every row of a page (the translated texts, the time zone, the
weekdays' names, the address's pattern, the title's languages) is worked out once per page
(``_Writer``), so that a row costs a few dozen calls rather than hundreds.
"""

from __future__ import annotations

import html

from django.conf import settings
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone, is_aware
from django.utils.translation import gettext, ngettext

from kaiku.core.links import reverse_cached
from kaiku.core.translations import Chooser, current_language, translated_languages

from .models import Event, EventKind

_PK_MARK = "908172635"  # a key no address holds otherwise: where the event's key goes


def _text(value) -> str:
    """``{{ value }}`` in a template: localised and escaped."""
    return conditional_escape(localize(value))


class _Writer:
    """The rows of one page, in the page's language and time zone."""

    def __init__(self, now) -> None:
        self.now = now
        self.timezone = get_current_timezone() if settings.USE_TZ else None
        self.weekdays = [html.escape(str(WEEKDAYS_ABBR[day])) for day in range(7)]
        self.kinds = {value: html.escape(str(label)) for value, label in EventKind.choices}
        url = reverse_cached("events:detail", pk=int(_PK_MARK))
        before, after = url.split(_PK_MARK)
        self.url = (html.escape(before), html.escape(after))
        # ``pick`` and ``wrap`` of ``{% translated event "title" %}``: the page's language,
        # then its fallbacks; a fallback's text marked with its language.
        language = current_language()
        self.titles = [
            (key, None if code == language else html.escape(code))
            for key, code in (
                (key, key.removeprefix("title_")) for key in Chooser().keys(Event, "title")
            )
        ]
        if not translated_languages(Event, "title"):
            self.titles = []
        warning = '· <span class="badge badge--warning">{}</span>'
        badge = '· <span class="badge">{}</span>'
        online = gettext("Online")
        self.online = f"· {conditional_escape(online)}"
        self.cancelled = warning.format(conditional_escape(gettext("Cancelled")))
        self.draft = warning.format(conditional_escape(gettext("Draft")))
        self.mine = {
            "registered": badge.format(conditional_escape(gettext("You are registered"))),
            "waitlisted": badge.format(conditional_escape(gettext("You are on the waitlist"))),
        }
        full = gettext("Full")
        self.full = f"· {conditional_escape(full)}"
        self.places: dict[int, str] = {}

    def local(self, value):
        if self.timezone is not None and is_aware(value):
            return value.astimezone(self.timezone)
        return value

    def title(self, event: Event) -> str:
        if not self.titles:
            return conditional_escape(event.title or "")
        for attribute, code in self.titles:
            text = getattr(event, attribute, None)
            if text:
                text = html.escape(text) if type(text) is str else conditional_escape(text)
                return text if code is None else f'<span lang="{code}">{text}</span>'
        return ""

    def capacity(self, counter: int) -> str:
        text = self.places.get(counter)
        if text is None:
            text = self.places[counter] = "· " + ngettext(
                "%(counter)s place", "%(counter)s places", counter
            ) % {"counter": _text(counter)}
        return text

    def item(self, event: Event, status: str | None) -> str:
        if event.location:
            place = f"· {_text(event.location)}"
        elif event.online_url:
            place = self.online
        else:
            place = ""
        organisation = f"· {_text(event.organisation.name)}" if event.organisation else ""
        cancelled = event.cancelled_at is not None
        places = ""
        if event.capacity and not cancelled and event.ends_at > self.now:
            if event.registered_count >= event.capacity:
                places = self.full
            else:
                places = self.capacity(int(event.capacity))
        kind = self.kinds.get(event.kind)
        if kind is None:
            kind = _text(event.get_kind_display())
        starts = self.local(event.starts_at)
        ends = self.local(event.ends_at)
        before, after = self.url
        return (
            '<li class="card event-item">\n'
            f'  <h2 class="card__title"><a href="{before}{event.pk}{after}">'
            f"{self.title(event)}</a></h2>\n"
            '  <p class="meta">\n'
            f'    <span class="badge">{kind}</span>\n'
            f'    <time datetime="{html.escape(starts.isoformat())}">'
            f"{self.weekdays[starts.weekday()]} {starts.day}.{starts.month}.{starts.year:04d}"
            f" {starts.hour:02d}:{starts.minute:02d}</time>–{ends.hour:02d}:{ends.minute:02d}\n"
            f"    {place}\n"
            f"    {organisation}\n"
            f"    {self.cancelled if cancelled else ''}\n"
            f"    {'' if event.published_at else self.draft}\n"
            f"    {self.mine.get(status, '')}\n"
            f"    {places}\n"
            "  </p>\n"
            "</li>\n"
        )


def event_item(event: Event, status: str | None, now) -> SafeString:
    """One ``<li>`` of the event list (``status``: the viewer's registration, if any)."""
    return mark_safe(_Writer(now).item(event, status))  # noqa: S308 - every value escaped


def event_items(rows, now) -> SafeString:
    """The rows of ``[(event, status), ...]``, one after the other."""
    write = _Writer(now).item
    return mark_safe("".join(write(event, status) for event, status in rows))  # noqa: S308
