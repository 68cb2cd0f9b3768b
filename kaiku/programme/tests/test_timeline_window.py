"""The timeline as people read it: a window around today that moves, markers that are links,
a today line, compact filters and a paginated table — with a constant number of queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from ..models import MilestoneStatus
from .factories import MeetingFactory, MilestoneFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

URL = "/en/programmes/te24/timeline/"


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _at(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


def _markers(html: str) -> list[str]:
    """The links of the visual timeline (not the table)."""
    part = html.split('class="timeline-list"', 1)[1] if 'class="timeline-list"' in html else ""
    part = part.split("</ol>\n</div>", 1)[0]
    return re.findall(r'<a class="timeline-marker[^"]*" href="[^"]+">.*?</a>', part, re.S)


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


# --- The window ------------------------------------------------------------------------------


def test_default_window_is_around_today(client, group):
    MeetingFactory(group=group, title="Long ago", starts_at=_at(-200))
    MeetingFactory(group=group, title="Last month", starts_at=_at(-30))
    MilestoneFactory(group=group, title="In half a year", due_on=_days(180))
    MilestoneFactory(group=group, title="In two years", due_on=_days(700))
    html = client.get(URL).content.decode()
    markers = " ".join(_markers(html))
    assert "Last month" in markers and "In half a year" in markers
    assert "Long ago" not in html and "In two years" not in html


def test_earlier_later_and_today_links_move_the_window(client, group):
    MeetingFactory(group=group, title="Long ago", starts_at=_at(-200))
    html = client.get(URL).content.decode()
    earlier = re.search(r'<a href="([^"]+)"[^>]*rel="prev"', html)
    later = re.search(r'<a href="([^"]+)"[^>]*rel="next"', html)
    assert earlier and later
    older = client.get(URL + earlier.group(1).replace("&amp;", "&")).content.decode()
    assert "Long ago" in " ".join(_markers(older))
    # From an earlier window, "today" leads back to the default one.
    today = re.search(r'<a href="([^"]+)"[^>]*class="timeline-nav__today"', older)
    assert today
    assert "Long ago" not in client.get(URL + today.group(1).replace("&amp;", "&")).content.decode()


def test_a_chosen_range_shows_exactly_that_range(client, group):
    MeetingFactory(group=group, title="Long ago", starts_at=_at(-200))
    MeetingFactory(group=group, title="Last month", starts_at=_at(-30))
    start, end = _days(-210).isoformat(), _days(-190).isoformat()
    html = client.get(URL, {"start": start, "end": end}).content.decode()
    markers = " ".join(_markers(html))
    assert "Long ago" in markers and "Last month" not in markers


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2027-05-01", "end": "2027-01-01"}, "The end cannot be before the start."),
        ({"start": "yesterday"}, "Enter a valid date."),
        ({"end": "2027-13-45"}, "Enter a valid date."),
        ({"start": "0001-01-01"}, "Enter a date between the years 1900 and 2999."),
        ({"end": "9999-12-31"}, "Enter a date between the years 1900 and 2999."),
    ],
)
def test_bad_ranges_get_a_clear_message_and_the_default_window(client, group, params, message):
    MeetingFactory(group=group, title="Next week", starts_at=_at(7))
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "field--error" in html
    assert "Next week" in " ".join(_markers(html))


# --- Markers ---------------------------------------------------------------------------------


def test_every_marker_is_a_link_with_title_date_and_group(client, group):
    meeting = MeetingFactory(group=group, title="Steering meeting", starts_at=_at(3))
    milestone = MilestoneFactory(group=group, title="Plan ready", due_on=_days(40))
    html = client.get(URL).content.decode()
    markers = _markers(html)
    assert len(markers) == 2
    by_title = {("Steering" in m): m for m in markers}
    link = by_title[True]
    assert f'href="{meeting.get_absolute_url()}"' in link
    name = _text(link)
    assert "Steering meeting" in name and group.name in name
    assert timezone.localtime(meeting.starts_at).strftime("%-d.%-m.%Y") in name
    link = by_title[False]
    assert f'href="{milestone.get_absolute_url()}"' in link
    assert milestone.due_on.strftime("%-d.%-m.%Y") in _text(link)
    assert "<svg" not in html  # no scaled-down drawing with tiny text


def test_a_marker_does_not_repeat_a_group_its_title_names(client):
    steering = WorkingGroupFactory(name="Ohjausryhmä", programme__slug="te24")
    MeetingFactory(group=steering, title="Ohjausryhmän kokous 3/2026", starts_at=_at(2))
    (marker,) = _markers(client.get(URL).content.decode())
    assert _text(marker).count("Ohjausryhmä") == 1


def test_overdue_milestone_says_so_in_its_marker(client, group):
    MilestoneFactory(
        group=group, title="Behind", due_on=_days(-10), status=MilestoneStatus.IN_PROGRESS
    )
    (marker,) = _markers(client.get(URL).content.decode())
    assert "timeline-marker--overdue" in marker
    assert "Overdue" in _text(marker)


def test_today_line_sits_between_past_and_coming_items(client, group):
    MeetingFactory(group=group, title="Past meeting", starts_at=_at(-5))
    MeetingFactory(group=group, title="Coming meeting", starts_at=_at(5))
    html = client.get(URL).content.decode()
    today = html.index('class="timeline-today"')
    assert html.index("Past meeting") < today < html.index("Coming meeting")
    assert timezone.localdate().strftime("%-d.%-m.%Y") in html[today : today + 400]


def test_today_line_is_shown_in_an_empty_window(client, group):
    html = client.get(URL).content.decode()
    assert 'class="timeline-today"' in html


def test_filters_are_compact_and_below_the_heading(client, group):
    html = client.get(URL).content.decode()
    assert html.index("<h1") < html.index('<details class="timeline-filters"')
    assert html.index('<details class="timeline-filters"') < html.index('class="timeline-list"')
    # Closed unless something is wrong with them.
    assert '<details class="timeline-filters">' in html
    html = client.get(URL, {"start": "nope"}).content.decode()
    assert '<details class="timeline-filters" open>' in html


# --- The table -------------------------------------------------------------------------------


def test_table_is_available_and_paginated(client, group):
    for n in range(55):
        MilestoneFactory(group=group, title=f"Step {n:02d}", due_on=_days(1 + n))
    html = client.get(URL).content.decode()
    assert "view=table" in html
    html = client.get(URL, {"view": "table"}).content.decode()
    table = html.split("<table", 1)[1]
    assert table.count('<th scope="row">') == 50
    assert "Step 00" in table and "Step 54" not in table
    html = client.get(URL, {"view": "table", "page": 2}).content.decode()
    table = html.split("<table", 1)[1]
    assert table.count('<th scope="row">') == 5
    assert "Step 54" in table


def test_a_page_past_the_end_shows_the_last_page(client, group):
    MilestoneFactory(group=group, title="Only one", due_on=_days(3))
    for page in ("99", "abc", "-1"):
        html = client.get(URL, {"view": "table", "page": page}).content.decode()
        assert "Only one" in html


def test_queries_do_not_grow_with_items(client, people, group, django_assert_max_num_queries):
    client.force_login(people["member"])

    def grow(n):
        for i in range(n):
            g = WorkingGroupFactory(programme=group.programme)
            MeetingFactory(group=g, starts_at=_at(i - 20))
            MilestoneFactory(group=g, due_on=_days(i))

    grow(3)
    for view in ("timeline", "table"):
        with django_assert_max_num_queries(20) as small:
            assert client.get(URL, {"view": view}).status_code == 200
        grow(40)
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get(URL, {"view": view})
        html = response.content.decode()
        shown = len(_markers(html)) if view == "timeline" else html.count('<th scope="row">')
        assert shown == 50


def test_links_are_built_without_a_reverse_per_item(client, group, monkeypatch):
    from django.urls import reverse

    from .. import timeline

    calls = []

    def counting_reverse(*args, **kwargs):
        calls.append(args)
        return reverse(*args, **kwargs)

    monkeypatch.setattr(timeline, "reverse", counting_reverse)
    for n in range(20):
        MeetingFactory(group=group, starts_at=_at(n + 1))
        MilestoneFactory(group=group, due_on=_days(n + 1))
    html = client.get(URL).content.decode()
    assert len(_markers(html)) == 40
    assert len(calls) == 1


def test_items_of_a_hidden_group_are_not_shown(client, people, group):
    hidden = WorkingGroupFactory(programme=group.programme, name="Secret", visibility="members")
    MeetingFactory(group=hidden, title="Secret meeting", starts_at=_at(2))
    MilestoneFactory(group=hidden, title="Secret milestone", due_on=_days(2))
    MilestoneFactory(group=group, title="Open milestone", due_on=_days(2))
    client.force_login(people["staff"])
    html = client.get(URL).content.decode() + client.get(URL, {"view": "table"}).content.decode()
    assert "Open milestone" in html
    assert "Secret" not in html


def test_an_impossible_filter_shows_nothing(client, group):
    MeetingFactory(group=group, title="Next week", starts_at=_at(7))
    html = client.get(URL, {"kind": "meeting", "status": "overdue"}).content.decode()
    assert _markers(html) == []
    assert 'class="timeline-today"' in html


def test_items_fall_on_their_local_day_and_month(client, group):
    """A meeting just after local midnight on the 1st belongs to that month, and a milestone
    of that day comes after it."""
    first = timezone.localdate().replace(day=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    midnight = timezone.make_aware(datetime.datetime.combine(next_month, datetime.time(0, 30)))
    MeetingFactory(group=group, title="Just after midnight", starts_at=midnight)
    MilestoneFactory(group=group, title="Due that day", due_on=next_month)
    MilestoneFactory(
        group=group, title="Due the day before", due_on=next_month - datetime.timedelta(days=1)
    )
    html = client.get(URL).content.decode()
    order = [html.index(t) for t in ("Due the day before", "Just after midnight", "Due that day")]
    assert order == sorted(order)
    marker = next(m for m in _markers(html) if "Just after midnight" in m)
    assert f"{next_month.day}.{next_month.month}.{next_month.year}" in _text(marker)
    heading = html[: html.index("Just after midnight")].rsplit("<h2", 1)[1]
    assert str(next_month.year) in heading
    assert (
        heading.split(">", 1)[1]
        .split("</h2>")[0]
        .lower()
        .startswith(next_month.strftime("%B").lower())
    )


@pytest.mark.parametrize(
    ("language", "label"), [("fi", "Tänään"), ("sv", "I dag"), ("en", "Today")]
)
def test_the_today_line_speaks_the_pages_language(client, group, language, label):
    html = client.get(URL.replace("/en/", f"/{language}/")).content.decode()
    today = html.index('class="timeline-today__label"')
    assert f">{label} <time" in html[today : today + 200]
