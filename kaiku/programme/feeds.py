"""iCalendar feeds of meetings (RFC 5545), built with the ``icalendar`` library.

Feeds are read by calendar applications that carry no session, and their URLs get shared:
they always show what an anonymous visitor may see (public meetings of public groups),
whoever downloads them. Links and event UIDs use the site's address (``settings.SITE_URL``),
not the host the calendar happened to ask.
"""

from __future__ import annotations

import datetime

import icalendar
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from kaiku.core.urls_absolute import absolute_url, site_host

from .models import Meeting, MeetingStatus
from .whatsnew import with_group

# A calendar needs recent and coming meetings, not the whole history.
FEED_PAST_DAYS = 365
FEED_LIMIT = 1000

STATUS = {
    MeetingStatus.PLANNED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def feed_viewer() -> AnonymousUser:
    return AnonymousUser()


def recent_and_coming(queryset):
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return queryset.filter(starts_at__gte=since).order_by("starts_at", "pk")[:FEED_LIMIT]


def calendar_response(
    request: HttpRequest, *, name: str, meetings: list[Meeting], filename: str
) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kaiku//Programme meetings//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    host = site_host()
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", meeting.updated)
        event.add("last-modified", meeting.updated)
        event.add("dtstart", meeting.starts_at)
        if meeting.ends_at:
            event.add("dtend", meeting.ends_at)
        event.add("summary", with_group(meeting.group.name, meeting.title))
        if meeting.location:
            event.add("location", meeting.location)
        description = meeting.agenda
        if meeting.online_url:
            description = f"{meeting.online_url}\n\n{description}".strip()
        if description:
            event.add("description", description)
        event.add("url", absolute_url(meeting.get_absolute_url()))
        event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
