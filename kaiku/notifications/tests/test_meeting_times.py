"""A follower told that a meeting's time changed learns from when to when, in Helsinki time,
written with numbers only so that it reads the same in Finnish, Swedish and English."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from kaiku.programme import services as programme_services
from kaiku.programme.tests.factories import MeetingFactory

from .. import services
from ..models import Frequency, Notification
from .factories import UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=HELSINKI)


def test_meeting_time_change_says_old_and_new_time(user, group, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(group=group, starts_at=_at(2023, 1, 13, 13), ends_at=None)
    services.follow(user=user, target=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(
            actor=None, meeting=meeting, starts_at=_at(2023, 1, 20, 9)
        )
    notification = Notification.objects.get()
    assert notification.kind == "meeting_changed"
    assert "13.1.2023 13.00 → 20.1.2023 9.00" in notification.context
    assert group.name in notification.context


def test_time_is_shown_in_helsinki_time_whatever_the_input_zone(
    user, group, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(
        group=group,
        starts_at=datetime.datetime(2024, 6, 3, 7, 30, tzinfo=datetime.UTC),
        ends_at=None,
    )
    services.follow(user=user, target=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(
            actor=None,
            meeting=meeting,
            starts_at=datetime.datetime(2024, 12, 2, 12, 5, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2024, 12, 2, 14, 0, tzinfo=datetime.UTC),
        )
    assert "3.6.2024 10.30 → 2.12.2024 14.05–16.00" in Notification.objects.get().context


def test_a_change_of_the_end_shows_both_spans(user, group, django_capture_on_commit_callbacks):
    start = _at(2027, 2, 10, 13)
    meeting = MeetingFactory(group=group, starts_at=start, ends_at=start + datetime.timedelta(1))
    services.follow(user=user, target=group)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(
            actor=None, meeting=meeting, ends_at=start + datetime.timedelta(hours=3)
        )
    context = Notification.objects.get().context
    assert "10.2.2027 13.00–11.2.2027 13.00 → 10.2.2027 13.00–16.00" in context


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_email_carries_the_times_in_every_language(
    group, django_capture_on_commit_callbacks, language
):
    follower = UserFactory(preferred_language=language)
    services.preference_update(user=follower, email_frequency=Frequency.IMMEDIATE)
    services.follow(user=follower, target=group)
    meeting = MeetingFactory(group=group, starts_at=_at(2023, 1, 13, 13), ends_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.meeting_update(
            actor=None, meeting=meeting, starts_at=_at(2023, 1, 20, 9)
        )
    assert len(mail.outbox) == 1
    assert "13.1.2023 13.00 → 20.1.2023 9.00" in mail.outbox[0].body
