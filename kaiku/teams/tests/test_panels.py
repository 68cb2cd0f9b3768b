"""The registry of panels other capabilities add to a team's page (``kaiku.teams.panels``)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from .. import panels
from ..panels import TeamPanel, panels_for, register_team_panel

pytestmark = pytest.mark.django_db

# A template of this app that reads ``data.teams``: enough to see a panel rendered.
TEMPLATE = "teams/home/_teams.html"


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def registry():
    """The registry as the apps left it, restored after the test."""
    before = dict(panels._builders)
    yield panels._builders
    panels._builders.clear()
    panels._builders.update(before)


def test_panels_come_in_order_and_a_builder_with_nothing_adds_none(registry, team):
    registry.clear()
    calls = []

    def second(request, t):
        calls.append(("second", request, t))
        return TeamPanel(TEMPLATE, {"n": 2})

    def first(request, t):
        calls.append(("first", request, t))
        return TeamPanel(TEMPLATE, {"n": 1})

    def nothing(request, t):
        calls.append(("nothing", request, t))
        return None

    register_team_panel(second, order=20)
    register_team_panel(first, order=10)
    register_team_panel(nothing, order=15)
    request = RequestFactory().get("/")
    shown = panels_for(request, team)
    assert [p["data"]["n"] for p in shown] == [1, 2]
    assert shown[0]["template"] == TEMPLATE
    assert [c[0] for c in calls] == ["first", "nothing", "second"]
    assert all(c[1] is request and c[2] is team for c in calls)


def test_registering_again_changes_the_order_and_adds_no_second_panel(registry, team):
    registry.clear()

    def one(request, t):
        return TeamPanel(TEMPLATE, {"n": 1})

    def two(request, t):
        return TeamPanel(TEMPLATE, {"n": 2})

    assert register_team_panel(one, order=10) is one
    register_team_panel(two, order=20)
    register_team_panel(one, order=30)
    assert [p["data"]["n"] for p in panels_for(RequestFactory().get("/"), team)] == [2, 1]
    panels.unregister_team_panel(one)
    assert panels.registered_panels() == [two]


def test_the_team_page_renders_the_panels_below_the_board(client, registry, people, team):
    seen = {}

    def other_teams(request, t):
        seen["user"] = request.user
        return TeamPanel(TEMPLATE, {"teams": [t]})

    register_team_panel(other_teams, order=1000)
    client.force_login(people["member"])
    body = client.get(f"/en/teams/{team.slug}/").content.decode()
    assert seen["user"] == people["member"]
    board = body.index('id="board"')
    panel = body.index("All teams", board)
    assert f'<a href="/en/teams/{team.slug}/">{team.name}</a>' in body[board:]
    assert panel > board
