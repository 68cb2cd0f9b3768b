"""The team's events on its page (``kaiku.teams.panels``): the upcoming ones and the last
three held, as far as the viewer may see them. One query."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kaiku.teams.panels import TeamPanel
from kaiku.teams.panels import register_team_panel as register

from . import selectors

TEMPLATE = "events/team/_team_events.html"


def team_events_panel(request: HttpRequest, team) -> TeamPanel | None:
    upcoming, past = selectors.team_events(request.user, team)
    if not upcoming and not past:
        return None
    return TeamPanel(
        TEMPLATE,
        {"team": team, "lists": [(_("Upcoming"), upcoming), (_("Past"), past)]},
    )


def register_team_panel() -> None:
    register(team_events_panel, order=10)
