"""Panels that other capabilities add to a team's page.

Teams sit below the capabilities that refer to a team (an event may belong to a team), so
this app may not import them. A capability that has something to show on a team's page
registers a builder here, in its ``ready()``, like the front page's panels
(``kaiku.core.home``)::

    from kaiku.teams.panels import TeamPanel, register_team_panel

    def team_events(request, team):
        events = ...  # what the viewer may see, in a fixed number of queries
        if not events:
            return None
        return TeamPanel("events/team/_team_events.html", {"events": events})

    register_team_panel(team_events, order=10)

``build(request, team)`` returns a ``TeamPanel`` (a template and its context, which the
template reads as ``data``) or ``None`` when it has nothing for this viewer. The team's page
renders the panels in order below its board (``{% block team_events %}``). A builder must
check what the viewer may see itself (through the content layer) and run a fixed number of
queries, whatever the amount of content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class TeamPanel:
    template: str
    context: dict = field(default_factory=dict)


Builder = Callable[[HttpRequest, object], TeamPanel | None]

# builder -> order; registering the same builder again only changes its order.
_builders: dict[Builder, int] = {}


def register_team_panel(build: Builder, *, order: int = 100) -> Builder:
    _builders[build] = order
    return build


def unregister_team_panel(build: Builder) -> None:
    _builders.pop(build, None)


def registered_panels() -> list[Builder]:
    return [b for b, _order in sorted(_builders.items(), key=lambda item: item[1])]


def panels_for(request: HttpRequest, team) -> list[dict]:
    """The panels that have something for this viewer, in order:
    ``{"template", "data"}``."""
    shown = []
    for build in registered_panels():
        panel = build(request, team)
        if panel is not None:
            shown.append({"template": panel.template, "data": panel.context})
    return shown
