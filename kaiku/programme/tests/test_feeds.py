from __future__ import annotations

import datetime

import icalendar
import pytest
from django.conf import settings
from django.utils import timezone

from kaiku.core.content import Visibility

from .factories import MeetingFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

PROGRAMME_FEED = "/fi/programmes/te24/meetings.ics"


def _group_feed(group):
    return f"{group.get_absolute_url()}meetings.ics"


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize("who", ["anonymous", "staff", "member", "admin"])
def test_feeds_show_only_public_meetings_whoever_asks(client, people, items, group, who):
    if people[who] is not None:
        client.force_login(people[who])
    for url in (PROGRAMME_FEED, _group_feed(group)):
        events = _events(client.get(url))
        assert set(events) == {f"{group.name}: Kokous public"}, url


def test_event_fields(client, group):
    start = timezone.now() + datetime.timedelta(days=3)
    MeetingFactory(
        group=group,
        title="Kokous 13.1.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Teams",
        online_url="https://teams.example/kokous",
        agenda="1. Muutosvalmennuksen käynnistäminen, kilpailutus; perehdytys",
    )
    MeetingFactory(group=group, title="Peruttu", status="cancelled")
    events = _events(client.get(_group_feed(group)))
    event = events[f"{group.name}: Kokous 13.1."]
    assert event.decoded("dtstart") == start.replace(microsecond=0)
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=2)
    assert str(event["location"]) == "Teams"
    assert "kilpailutus; perehdytys" in str(event["description"])
    assert "https://teams.example/kokous" in str(event["description"])
    assert str(event["url"]).startswith(f"{settings.SITE_URL}/fi/programmes/te24/groups/")
    assert str(event["uid"]).startswith("meeting-")
    assert str(events[f"{group.name}: Peruttu"]["status"]) == "CANCELLED"


def test_event_links_use_the_sites_address(client, group, settings):
    """A calendar opens the meeting on the site's real address, whatever host was asked."""
    settings.SITE_URL = "https://kaiku.example.fi/"
    MeetingFactory(group=group, title="Kokous", starts_at=timezone.now())
    response = client.get(_group_feed(group), HTTP_HOST="localhost")
    event = _events(response)[f"{group.name}: Kokous"]
    assert str(event["url"]).startswith("https://kaiku.example.fi/fi/programmes/te24/groups/")
    assert str(event["uid"]).endswith("@kaiku.example.fi")


def test_old_meetings_are_left_out(client, group):
    MeetingFactory(group=group, title="Vanha", starts_at=timezone.now() - datetime.timedelta(900))
    assert _events(client.get(PROGRAMME_FEED)) == {}


def test_non_public_group_feed_is_404_even_for_members(client, people, group):
    group.visibility = Visibility.STAFF
    group.save()
    client.force_login(people["member"])
    assert client.get(_group_feed(group)).status_code == 404
    assert client.get("/fi/programmes/nope/meetings.ics").status_code == 404


def test_feed_query_count_is_constant(client, group, django_assert_max_num_queries):
    summaries = set()

    def grow(n):
        for _ in range(n):
            meeting = MeetingFactory(group=WorkingGroupFactory(programme=group.programme))
            summaries.add(f"{meeting.group.name}: {meeting.title}")

    grow(2)
    with django_assert_max_num_queries(10) as small:
        response = client.get(PROGRAMME_FEED)
    assert set(_events(response)) == summaries  # _events checks the status too
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(PROGRAMME_FEED)
    assert set(_events(response)) == summaries
