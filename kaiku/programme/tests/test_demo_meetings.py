"""A newcomer browsing the demo finds working groups that meet: every public group has a
history of held meetings with published memos and meetings still to come."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.accounts.demo import load_demo_people
from kaiku.core.content import Visibility

from ..demo import load_demo_programme
from ..models import Meeting, Memo, Milestone, WorkingGroup

pytestmark = pytest.mark.django_db


def _public(queryset):
    return queryset.filter(visibility=Visibility.PUBLIC)


def test_every_public_group_has_past_and_coming_public_meetings():
    load_demo_people()
    load_demo_programme()
    now = timezone.now()
    groups = _public(WorkingGroup.objects.filter(programme__slug="te-palvelut-2024"))
    assert groups.count() == 8
    for group in groups:
        meetings = _public(Meeting.objects.filter(group=group))
        past = meetings.filter(starts_at__lt=now)
        assert past.count() >= 3, group.slug
        assert meetings.filter(starts_at__gte=now).count() >= 1, group.slug
        for meeting in past:
            memo = Memo.objects.get(meeting=meeting)
            assert memo.visibility == Visibility.PUBLIC
            assert memo.published_at is not None and memo.published_at <= now
            assert memo.published_at >= meeting.starts_at
            assert memo.decisions.strip(), meeting.title
            assert memo.body.strip(), meeting.title


def test_meetings_span_the_reform_years():
    load_demo_programme()
    years = set(
        _public(Meeting.objects.filter(group__visibility=Visibility.PUBLIC)).values_list(
            "starts_at__year", flat=True
        )
    )
    assert {2023, 2024, 2025} <= years


@pytest.mark.parametrize("today", ["2026-12-02", "2027-05-20", "2029-01-01"])
def test_coming_meetings_stay_ahead_whenever_the_demo_is_loaded(today):
    """The demo's upcoming meetings and planned milestones are relative to the day it is
    loaded, so a newcomer never finds a schedule that ended months ago."""
    day = datetime.date.fromisoformat(today)
    load_demo_people()
    load_demo_programme(today=day)
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    coming = Meeting.objects.filter(starts_at__gte=start)
    assert coming.count() >= 9
    assert not coming.filter(starts_at__gte=start + datetime.timedelta(weeks=20)).exists()
    assert Milestone.objects.filter(due_on__gt=day).count() >= 2


def test_loading_twice_creates_nothing_new():
    load_demo_people()
    load_demo_programme()
    counts = (Meeting.objects.count(), Memo.objects.count())
    first = dict(Meeting.objects.values_list("pk", "starts_at"))
    load_demo_programme()
    assert (Meeting.objects.count(), Memo.objects.count()) == counts
    assert dict(Meeting.objects.values_list("pk", "starts_at")) == first


def test_anonymous_visitor_sees_the_memos_on_a_group_page(client):
    load_demo_programme()
    response = client.get("/fi/programmes/te-palvelut-2024/groups/viestinta/")
    assert response.status_code == 200
    assert "Viestintäsuunnitelma hyväksyttiin." in response.content.decode()
