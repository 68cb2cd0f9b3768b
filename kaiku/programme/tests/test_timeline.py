from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from kaiku.core.content import Visibility

from ..models import MilestoneStatus
from .factories import MeetingFactory, MilestoneFactory, WorkingGroupFactory
from .test_selectors import EXPECTED

pytestmark = pytest.mark.django_db

URL = "/fi/programmes/te24/timeline/"


def _table(html: str) -> str:
    return html.split("<table", 1)[1] if "<table" in html else ""


def _markers(html: str) -> str:
    """The visual timeline (its links), without the table."""
    return html.split('class="timeline-list"', 1)[1] if 'class="timeline-list"' in html else ""


TABLE = {"view": "table"}


@pytest.mark.parametrize("who", EXPECTED)
def test_timeline_shows_what_the_viewer_may_see(client, people, items, group, who):
    if people[who] is not None:
        client.force_login(people[who])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    table = client.get(URL, TABLE).content.decode()
    for visibility in Visibility.values:
        for title in ("Kokous", "Virstanpylväs"):
            expected = visibility in EXPECTED[who]
            assert (f"{title} {visibility}" in _table(table)) is expected
            assert (f"{title} {visibility}" in _markers(html)) is expected


def test_hidden_groups_are_not_lanes(client, group):
    hidden = WorkingGroupFactory(programme=group.programme, name="Salainen", visibility="members")
    MeetingFactory(group=hidden, title="Salainen kokous")
    MeetingFactory(group=group, title="Julkinen kokous")
    html = client.get(URL).content.decode()
    assert "Julkinen kokous" in html
    assert "Salainen" not in html


def test_overdue_milestone_stands_out_in_text(client, group):
    MilestoneFactory(
        group=group,
        title="Myöhässä oleva",
        due_on=timezone.localdate() - datetime.timedelta(days=10),
        status=MilestoneStatus.IN_PROGRESS,
    )
    MilestoneFactory(group=group, title="Ajallaan", status=MilestoneStatus.PLANNED)
    html = client.get(URL, TABLE).content.decode()
    assert html.count('class="is-overdue"') == 1
    assert "⚠" in _table(html)
    # In the timeline the overdue milestone has its own marker style and says so in words.
    markers = _markers(client.get(URL).content.decode())
    assert markers.count("timeline-marker--overdue") == 1
    assert "⚠" in markers
    html = client.get(URL, {"status": "overdue", **TABLE}).content.decode()
    assert "Myöhässä oleva" in _table(html) and "Ajallaan" not in _table(html)


def test_filters(client, group):
    other = WorkingGroupFactory(programme=group.programme, slug="toinen")
    MeetingFactory(group=group, title="Ryhmän kokous", status="held")
    MeetingFactory(group=other, title="Toisen kokous", status="planned")
    MilestoneFactory(group=group, title="Ryhmän virstanpylväs")
    html = client.get(URL, {"group": group.slug}).content.decode()
    assert "Ryhmän kokous" in html and "Toisen kokous" not in html
    html = client.get(URL, {"kind": "milestone", **TABLE}).content.decode()
    assert "Ryhmän virstanpylväs" in html and "Ryhmän kokous" not in _table(html)
    html = client.get(URL, {"status": "held"}).content.decode()
    assert "Ryhmän kokous" in html and "Toisen kokous" not in html
    year = timezone.localdate().year + 5
    html = client.get(URL, {"start": f"{year}-01-01", "end": f"{year}-12-31"}).content.decode()
    assert "Ryhmän kokous" not in html


@pytest.mark.parametrize(
    "params",
    [{"group": "ei-ole"}, {"status": "x"}, {"kind": "x"}, {"start": "abc"}, {"end": "99999"}],
)
def test_bad_filters_are_reported_not_500(client, group, params):
    MeetingFactory(group=group, title="Kokous näkyy")
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "field--error" in html
    assert "Kokous näkyy" in html  # the invalid filter is ignored


def test_a_hidden_group_slug_is_an_invalid_choice(client, group):
    WorkingGroupFactory(programme=group.programme, slug="salainen", visibility="members")
    html = client.get(URL, {"group": "salainen"}).content.decode()
    assert "field--error" in html


def test_unknown_programme_is_404(client):
    assert client.get("/fi/programmes/nope/timeline/").status_code == 404


def test_empty_timeline(client, group):
    html = client.get(URL).content.decode()
    assert "<svg" not in html
    assert "timeline-marker" not in _markers(html)
    assert "<table" not in client.get(URL, TABLE).content.decode()


def test_query_count_is_constant(client, people, group, django_assert_max_num_queries):
    client.force_login(people["member"])

    titles = []

    def grow(n):
        for _ in range(n):
            g = WorkingGroupFactory(programme=group.programme)
            titles.append(MeetingFactory(group=g).title)
            titles.append(MilestoneFactory(group=g).title)

    def assert_shows_all(response):
        assert response.status_code == 200
        table = _table(response.content.decode())
        assert table.count('<th scope="row">') == len(titles)
        assert all(f">{title}</a></th>" in table for title in titles)

    grow(2)
    with django_assert_max_num_queries(30) as small:
        response = client.get(URL, TABLE)
    assert_shows_all(response)
    grow(15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, TABLE)
    assert_shows_all(response)


def test_finnish_timeline_words_are_not_ambiguous(client, group):
    """The item title is not a job title, and a late milestone does not say "late" twice."""
    MilestoneFactory(
        group=group,
        title="Myöhästynyt",
        due_on=timezone.localdate() - datetime.timedelta(days=10),
        status=MilestoneStatus.LATE,
    )
    html = client.get(URL, TABLE).content.decode()
    assert "Tehtävänimike" not in html
    assert '<th scope="col">Otsikko</th>' in html
    row = _table(html).split("Myöhästynyt", 1)[1].split("</tr>", 1)[0]
    assert row.count("Myöhässä") == 1
    options = re.findall(r"<option value=\"(late|overdue)\"[^>]*>([^<]+)</option>", html)
    labels = dict(options)
    assert labels["late"] != labels["overdue"]
