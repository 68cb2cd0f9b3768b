from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.accounts.demo import demo_people, load_demo_people
from kaiku.organisations.demo import load_demo_organisations

from ..demo import INFO_TITLE, load_demo_events
from ..models import Event, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Event.all_objects.values_list("title", "starts_at", "registered_count")),
        sorted(Registration.objects.values_list("event__title", "person__email", "status")),
    )


def test_demo_events_and_loading_twice_changes_nothing():
    load_demo_organisations()
    load_demo_people()
    load_demo_events()
    now = timezone.now()
    info = Event.objects.filter(title_fi=INFO_TITLE).order_by("starts_at")
    assert info.count() == 3
    assert all(e.starts_at.year == 2023 and e.ends_at < now and e.recording_url for e in info)
    assert all(e.materials.filter(after_event=True).exists() for e in info)
    full = Event.objects.get(title_fi__startswith="Tiimivalmennus")
    assert full.registered_count == full.capacity == 12
    assert Registration.objects.filter(event=full, status=RegistrationStatus.WAITLISTED).count()
    tiina = demo_people()["tiina.tiimilainen"]
    assert Registration.objects.filter(
        person=tiina, status=RegistrationStatus.REGISTERED, event__starts_at__gt=now
    ).exists()
    for event in Event.objects.all():
        assert event.registered_count == event.registrations.filter(status="registered").count()
    snapshot = _snapshot()
    load_demo_events()
    assert _snapshot() == snapshot


def test_loading_the_demo_on_a_later_day_adds_no_copies():
    """``make run`` loads the demo every time; most of its events are dated from today."""
    load_demo_organisations()
    load_demo_people()
    load_demo_events()
    count = Event.all_objects.count()
    # As if the first load had been three days ago.
    for event in Event.all_objects.exclude(title_fi=INFO_TITLE):
        Event.all_objects.filter(pk=event.pk).update(
            starts_at=event.starts_at - datetime.timedelta(days=3),
            ends_at=event.ends_at - datetime.timedelta(days=3),
        )
    load_demo_events()
    assert Event.all_objects.count() == count


def test_demo_team_events_register_the_teams_members_and_load_once():
    from kaiku.teams.demo import load_demo_teams
    from kaiku.teams.models import TeamMembership

    load_demo_organisations()
    load_demo_people()
    load_demo_events()  # without the teams: no team events, nothing fails
    assert not Event.all_objects.filter(team__isnull=False).exists()
    load_demo_teams()
    load_demo_events()
    now = timezone.now()
    team_events = Event.objects.filter(team__slug="nuorten-palvelujen-tiimi")
    upcoming = team_events.get(ends_at__gt=now)
    assert upcoming.kind == "team_session" and upcoming.audience == "team"
    assert upcoming.visibility == "members"
    members = set(
        TeamMembership.objects.filter(team=upcoming.team).values_list("person_id", flat=True)
    )
    registered = set(upcoming.registrations.values_list("person_id", flat=True))
    assert registered == members and upcoming.registered_count == len(members)
    assert demo_people()["tiina.tiimilainen"].pk in members
    held = team_events.get(ends_at__lte=now)
    assert held.visibility == "staff" and held.registrations.filter(attended=True).exists()
    snapshot = _snapshot()
    load_demo_events()
    assert _snapshot() == snapshot
