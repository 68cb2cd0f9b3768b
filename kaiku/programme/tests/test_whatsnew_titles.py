"""Item titles name their group once: not "Ohjausryhmä: Ohjausryhmän kokous"."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ..whatsnew import programme_items
from .factories import MeetingFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    soon = timezone.now() + datetime.timedelta(days=5)
    steering = WorkingGroupFactory(name="Ohjausryhmä", programme__slug="te24")
    finance = WorkingGroupFactory(name="Talousryhmä", programme=steering.programme)
    MeetingFactory(group=steering, title="Ohjausryhmän kokous 3/2026", starts_at=soon)
    MeetingFactory(group=finance, title="Kokous 2/2026", starts_at=soon)
    return steering


def test_whats_new_does_not_repeat_the_group(meetings):
    titles = {i.title for i in programme_items(viewer=AnonymousUser(), limit=10)}
    assert titles == {"Ohjausryhmän kokous 3/2026", "Talousryhmä: Kokous 2/2026"}


def test_ical_does_not_repeat_the_group(client, meetings):
    response = client.get("/fi/programmes/te24/meetings.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"Ohjausryhmän kokous 3/2026", "Talousryhmä: Kokous 2/2026"}


def test_whats_new_marks_each_part_in_its_language(meetings):
    """On a Swedish page the group's Swedish name is plain and a Finnish-only title is marked
    lang="fi"; a title that names its group is still shown once."""
    from django.utils import translation

    from ..models import WorkingGroup

    WorkingGroup.objects.filter(name_fi="Talousryhmä").update(name_sv="Ekonomigruppen")
    with translation.override("sv"):
        titles = {str(i.title) for i in programme_items(viewer=AnonymousUser(), limit=10)}
    assert titles == {
        '<span lang="fi">Ohjausryhmän kokous 3/2026</span>',
        'Ekonomigruppen: <span lang="fi">Kokous 2/2026</span>',
    }
