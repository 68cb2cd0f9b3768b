"""The teams panel on a signed-in person's front page (``kaiku.core.home``): their teams with
their role, their mentees, and the open coaching requests to them as a coach or of the teams
they lead. Three kept queries (``kaiku.core.prepared``) whatever the numbers."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomePanel, Panel, register
from kaiku.core.prepared import run
from kaiku.core.translations import translated_columns

from . import selectors
from .models import Team


def _mentees(*, person: int):
    return selectors.mentees_of(person).only(
        "pk",
        "mentee__full_name",
        "mentee__email",
        "mentee__removed_at",
        "team__name",
        *(f"team__{column}" for column in translated_columns(Team, "name")),
    )[:5]


def teams_panel(request: HttpRequest) -> Panel | None:
    user = request.user
    teams = selectors.my_teams(user, limit=10)
    mentees = run(_mentees, person=user.pk)
    open_requests = selectors.open_requests_for(user, limit=5)
    if not (teams or mentees or open_requests):
        return None
    return Panel(
        title=_("Your teams"),
        template="teams/home/_teams.html",
        context={
            "teams": teams,
            "mentees": mentees,
            "requests": open_requests,
            "viewer_id": user.pk,
        },
    )


def register_home() -> None:
    register(HomePanel("teams", teams_panel, order=25))
