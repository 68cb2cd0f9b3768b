"""iCalendar (RFC 5545) of events, written here: one event, or a person's calendar feed.

Times are in UTC (``…Z``); text is escaped (backslash, semicolon, comma, line breaks) and
lines are folded at 75 octets. The online link is included only where ``with_link`` says
the reader holds a place (``views.py`` decides).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from .models import Event

PRODID = "-//Kaiku//Events//FI"


def escape(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, *, url: str, host: str, with_link: bool, now) -> list[str]:
    description = event.description or ""
    if with_link and event.online_url:
        description = f"{event.online_url}\n\n{description}".strip()
    description = f"{description}\n\n{url}".strip()
    location = event.location or ""
    if with_link and event.online_url and not location:
        location = event.online_url
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{utc(now)}",
        f"LAST-MODIFIED:{utc(event.updated)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines.append("STATUS:CANCELLED" if event.is_cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Iterable[tuple[Event, str, bool]], *, host: str, name: str = "", now=None
) -> str:
    """``events`` as ``(event, absolute page URL, with the online link)``."""
    now = now or timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    lines.append("METHOD:PUBLISH")
    for event, url, with_link in events:
        lines += _event_lines(event, url=url, host=host, with_link=with_link, now=now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
