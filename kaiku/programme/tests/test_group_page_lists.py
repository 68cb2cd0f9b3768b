"""The group page shows windows of its long lists; the rest is on paginated list pages
(the group's meetings, memos, tasks and goals) with the group page's visibility."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from kaiku.core.content import Visibility

from .factories import (
    GroupGoalFactory,
    GroupTaskFactory,
    MeetingFactory,
    MemoFactory,
    MilestoneFactory,
)
from .test_selectors import EXPECTED

pytestmark = pytest.mark.django_db

MEETING_CARD = '<article class="card" id="meeting-'


def _url(group, tail=""):
    return f"/fi/programmes/{group.programme.slug}/groups/{group.slug}/{tail}"


def _login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


def _meetings(group, n, *, days):
    """``n`` meetings, a day apart, the first ``days`` from now (negative: past)."""
    now = timezone.now()
    return [
        MeetingFactory(
            group=group,
            title=f"Kokous {days}/{i}",
            starts_at=now + datetime.timedelta(days=days + (i if days > 0 else -i)),
        )
        for i in range(n)
    ]


def test_group_page_shows_the_next_and_latest_meetings_and_links_to_all(client, group):
    upcoming = _meetings(group, 8, days=1)
    past = _meetings(group, 8, days=-1)
    html = client.get(_url(group)).content.decode()
    assert html.count(MEETING_CARD) == 10
    # The next five (soonest first) and the latest five past ones.
    for meeting in upcoming[:5] + past[:5]:
        assert f'id="meeting-{meeting.pk}"' in html
    for meeting in upcoming[5:] + past[5:]:
        assert f'id="meeting-{meeting.pk}"' not in html
    assert f'href="{_url(group, "meetings/")}"' in html
    assert 'id="meeting-count"' in html


def test_meetings_list_is_paginated_newest_first(client, group):
    meetings = _meetings(group, 30, days=-1)  # newest first already
    first = client.get(_url(group, "meetings/")).content.decode()
    second = client.get(_url(group, "meetings/?page=2")).content.decode()
    assert first.count(MEETING_CARD) == 25 and second.count(MEETING_CARD) == 5
    ids = [int(pk) for pk in re.findall(r'<article class="card" id="meeting-(\d+)"', first)]
    assert ids == [m.pk for m in meetings[:25]]
    assert 'rel="next"' in first and 'rel="prev"' in second
    # A page past the end shows the last one; nonsense shows the first.
    beyond = client.get(_url(group, "meetings/?page=99")).content.decode()
    assert re.findall(r'id="meeting-(\d+)"', beyond) == re.findall(r'id="meeting-(\d+)"', second)
    assert client.get(_url(group, "meetings/?page=x")).status_code == 200


@pytest.mark.parametrize("who", EXPECTED)
@pytest.mark.parametrize("kind", ["meetings", "memos"])
def test_list_pages_show_exactly_what_the_viewer_may_see(client, people, items, group, who, kind):
    _login(client, people, who)
    response = client.get(_url(group, f"{kind}/"))
    assert response.status_code == 200
    html = response.content.decode()
    title = {"meetings": "Kokous", "memos": "Muistio"}[kind]
    for visibility in Visibility.values:
        shown = f"{title} {visibility}" in html
        assert shown is (visibility in EXPECTED[who]), (who, visibility)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("staff", 404),
        ("other", 404),
        ("member", 200),
        ("secretary", 200),
        ("admin", 200),
    ],
)
@pytest.mark.parametrize("kind", ["meetings", "memos", "tasks", "goals"])
def test_list_pages_of_a_hidden_group_are_404_for_outsiders(
    client, people, group, who, status, kind
):
    group.visibility = Visibility.MEMBERS
    group.save()
    _login(client, people, who)
    assert client.get(_url(group, f"{kind}/")).status_code == status


def test_list_pages_of_an_unknown_group_are_404(client, group):
    assert client.get("/fi/programmes/te24/groups/nope/meetings/").status_code == 404
    assert client.get("/fi/programmes/nope/groups/muutosvalmennus/memos/").status_code == 404


@pytest.mark.parametrize("kind", ["meetings", "memos", "tasks", "goals"])
def test_list_page_query_count_is_constant(
    client, people, group, kind, django_assert_max_num_queries
):
    client.force_login(people["secretary"])

    def grow(n):
        for _ in range(n):
            meeting = MeetingFactory(group=group, visibility=Visibility.MEMBERS)
            MemoFactory(group=group, meeting=meeting)
            GroupTaskFactory(group=group)
            GroupGoalFactory(group=group)

    grow(2)
    with django_assert_max_num_queries(30) as small:
        assert client.get(_url(group, f"{kind}/")).status_code == 200
    grow(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(_url(group, f"{kind}/")).content.decode()
    assert html.count("/edit/") >= 25  # the secretary's edit link on every row


def test_group_page_query_count_does_not_grow_with_rows(
    client, people, group, django_assert_max_num_queries
):
    client.force_login(people["secretary"])

    def grow(n):
        for i in range(n):
            meeting = MeetingFactory(group=group)
            past = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(i + 1))
            MemoFactory(group=group, meeting=meeting)
            MemoFactory(group=group, meeting=past)
            # A meeting without a memo: its memo is looked for (with the meetings).
            MeetingFactory(group=group)
            MilestoneFactory(group=group)
            GroupTaskFactory(group=group)
            GroupGoalFactory(group=group)

    grow(2)
    with django_assert_max_num_queries(40) as small:
        client.get(_url(group))
    grow(60)
    # The same: whether the latest memos' meetings, off the page, may be seen is read with
    # the memos.
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(_url(group)).content.decode()
    assert html.count(MEETING_CARD) == 10
    assert html.count('<article id="memo-') == 5
    assert html.count('<tr id="milestone-') == 5


def test_tasks_and_goals_are_capped_with_a_link_to_all(client, group):
    tasks = [GroupTaskFactory(group=group, title=f"Tehtävä {i}", order=i) for i in range(12)]
    GroupGoalFactory(group=group, title="Ainoa tavoite")
    html = client.get(_url(group)).content.decode()
    assert all(f"Tehtävä {i}<" in html for i in range(10))
    assert "Tehtävä 10<" not in html and "Tehtävä 11<" not in html
    assert f'href="{_url(group, "tasks/")}"' in html
    assert f'href="{_url(group, "goals/")}"' not in html  # one goal: all on the page
    listing = client.get(_url(group, "tasks/")).content.decode()
    assert all(f'id="tasks-{task.pk}"' in listing for task in tasks)


def test_a_meetings_memo_beyond_the_window_links_to_its_page_of_memos(client, group):
    old = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(days=400))
    memo = MemoFactory(
        group=group, meeting=old, published_at=timezone.now() - datetime.timedelta(days=399)
    )
    # Thirty newer memos push it to the second page of the memos list.
    for _ in range(30):
        MemoFactory(group=group)
    html = client.get(_url(group)).content.decode()
    link = f"{_url(group, 'memos/')}?show={memo.pk}#memo-{memo.pk}"
    assert f'href="{link}"' in html
    page = client.get(link).content.decode()
    assert 'rel="prev"' in page  # the second page
    assert f'id="memo-{memo.pk}"' in page
    # ... and the memo links back to the page of its meeting on the meetings list.
    back = f"{_url(group, 'meetings/')}?show={old.pk}#meeting-{old.pk}"
    assert f'href="{back}"' in page
    assert f'id="meeting-{old.pk}"' in client.get(back).content.decode()


def test_show_of_an_item_the_viewer_may_not_see_gives_the_first_page(client, group):
    hidden = MeetingFactory(group=group, visibility=Visibility.MEMBERS)
    MeetingFactory(group=group)
    html = client.get(_url(group, f"meetings/?show={hidden.pk}")).content.decode()
    assert f'id="meeting-{hidden.pk}"' not in html
    assert html.count(MEETING_CARD) == 1


def test_milestones_show_the_open_ones_and_link_to_the_groups_timeline(client, group):
    today = timezone.localdate()
    done = MilestoneFactory(group=group, title="Valmis", status="done", due_on=today)
    soon = [
        MilestoneFactory(group=group, title=f"Tuleva {i}", due_on=today + datetime.timedelta(i))
        for i in range(7)
    ]
    html = client.get(_url(group)).content.decode()
    assert f'id="milestone-{done.pk}"' not in html
    assert all(f'id="milestone-{m.pk}"' in html for m in soon[:5])
    assert f'id="milestone-{soon[5].pk}"' not in html
    assert f"/fi/programmes/te24/timeline/?group={group.slug}&amp;kind=milestone" in html


def test_anonymous_group_page_queries(client, group, settings, django_assert_num_queries):
    """The group, its composition and contact persons, sub-groups, documents, meetings (each
    with its newest memo), memos, milestones, tasks and goals, and the comments: nine."""
    for i in range(3):
        meeting = MeetingFactory(group=group)
        MemoFactory(group=group, meeting=meeting)
        MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(i + 1))
        MilestoneFactory(group=group)
        GroupTaskFactory(group=group)
    settings.KAIKU_PAGE_CACHE_ENABLED = False
    client.get(_url(group))  # the content types, read once per process
    with django_assert_num_queries(9):
        response = client.get(_url(group))
    assert response.status_code == 200
