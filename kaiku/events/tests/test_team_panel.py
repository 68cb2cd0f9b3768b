"""A team's events on its page (``team_panel.py`` through ``kaiku.teams.panels``): only what
the viewer may see, published and not deleted; the upcoming ones and the last three held; one
query."""

from __future__ import annotations

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from kaiku.teams.panels import registered_panels
from kaiku.teams.tests.factories import MembershipFactory, TeamFactory

from .. import selectors
from ..models import AudienceKind, EventKind
from ..team_panel import team_events_panel
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def _at(days: int) -> dict:
    start = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}


@pytest.fixture
def team(people):
    """A public team; ``member`` belongs to it, ``staff`` does not."""
    team = TeamFactory(name="Yrityspalvelutiimi", slug="yrityspalvelutiimi", visibility="public")
    MembershipFactory(team=team, person=people["member"])
    return team


@pytest.fixture
def events(team):
    def make(title, days=7, **fields):
        return EventFactory(
            title_fi=title, kind=EventKind.TEAM_SESSION, team=team, **_at(days), **fields
        )

    now = timezone.now()
    return {
        "members": make(
            "Tiimin oma muutossessio",
            days=5,
            audience=AudienceKind.TEAM,
            visibility="members",
        ),
        "staff": make("Avoin tiimisessio", days=3),
        "cancelled": make("Peruttu tiimisessio", days=9, cancelled_at=now),
        "draft": make("Luonnos tiimisessiosta", published_at=None),
        "scheduled": make("Myöhemmin julkaistava", published_at=now + datetime.timedelta(days=1)),
        "deleted": make("Poistettu tiimisessio", deleted_at=now),
        "other": EventFactory(
            title_fi="Toisen tiimin sessio", team=TeamFactory(visibility="public"), **_at(4)
        ),
        "no_team": EventFactory(title_fi="Kaikkien valmennus", **_at(4)),
        "past": [make(f"Mennyt sessio {n}", days=-10 * n) for n in range(1, 6)],
        "past_cancelled": make("Peruttu mennyt", days=-2, cancelled_at=now),
    }


def _page(client, people, who, team):
    if people[who] is not None:
        client.force_login(people[who])
    response = client.get(f"/en/teams/{team.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str) -> str:
    start = body.index('<section aria-labelledby="team-events"')
    return body[start : body.index("</section>", start)]


def test_a_members_only_team_event_is_not_shown_to_a_non_member(client, people, team, events):
    section = _section(_page(client, people, "staff", team))
    assert "Avoin tiimisessio" in section
    assert "Tiimin oma muutossessio" not in section
    assert events["members"].get_absolute_url() not in section


def test_a_member_sees_the_teams_events_for_members(client, people, team, events):
    section = _section(_page(client, people, "member", team))
    members = events["members"]
    assert f'<a href="{members.get_absolute_url()}">Tiimin oma muutossessio</a>' in section
    assert "Avoin tiimisessio" in section


@pytest.mark.parametrize("who", ["staff", "member", "admin"])
def test_drafts_deleted_and_other_teams_events_are_left_out(client, people, team, events, who):
    section = _section(_page(client, people, who, team))
    for key in ("draft", "scheduled", "deleted", "other", "no_team", "past_cancelled"):
        assert events[key].title_fi not in section, key


def test_upcoming_soonest_first_then_the_last_three_held_latest_first(client, people, team, events):
    section = _section(_page(client, people, "member", team))
    order = [
        "Upcoming",
        "Avoin tiimisessio",
        "Tiimin oma muutossessio",
        "Peruttu tiimisessio",
        "Past",
        "Mennyt sessio 1",
        "Mennyt sessio 2",
        "Mennyt sessio 3",
    ]
    positions = [section.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Mennyt sessio 4" not in section and "Mennyt sessio 5" not in section
    assert "Cancelled" in section


def test_no_section_when_the_viewer_sees_none_of_the_teams_events(client, people, team, events):
    # Anonymous visitors see the public team but none of its events (for staff or members).
    body = _page(client, people, "anonymous", team)
    assert 'id="team-events"' not in body
    assert "Avoin tiimisessio" not in body


def test_a_public_team_event_is_shown_to_anonymous_visitors(client, people, team):
    EventFactory(title_fi="Avoin luento tiimiltä", team=team, visibility="public", **_at(2))
    assert "Avoin luento tiimiltä" in _section(_page(client, people, "anonymous", team))


@pytest.mark.parametrize("many", [False, True])
def test_one_query_for_the_events(people, team, events, many, django_assert_num_queries):
    if many:
        for n in range(15):
            EventFactory(title_fi=f"Lisäsessio {n}", team=team, **_at(n + 1))
            EventFactory(title_fi=f"Vanha sessio {n}", team=team, **_at(-n - 1))
    request = RequestFactory().get("/")
    request.user = people["member"]
    team_events_panel(request, team)  # the viewer's roles are read once and kept on them
    with django_assert_num_queries(1):
        panel = team_events_panel(request, team)
    (_upcoming_heading, upcoming), (_past_heading, past) = panel.context["lists"]
    assert len(upcoming) == (10 if many else 3)
    assert len(past) == 3


def test_the_selector_splits_upcoming_and_past(people, team, events):
    upcoming, past = selectors.team_events(people["member"], team)
    assert [e.title_fi for e in upcoming] == [
        "Avoin tiimisessio",
        "Tiimin oma muutossessio",
        "Peruttu tiimisessio",
    ]
    assert [e.title_fi for e in past] == ["Mennyt sessio 1", "Mennyt sessio 2", "Mennyt sessio 3"]


def test_the_events_app_registers_its_panel():
    assert team_events_panel in registered_panels()
