"""The events panel on a signed-in person's front page (``kaiku.core.home``): their upcoming
events, and for organisers the way to a new event. One query."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions

from . import selectors

PANEL_LIMIT = 5


def events_panel(request: HttpRequest) -> Panel | None:
    events = selectors.upcoming_for(request.user, limit=PANEL_LIMIT)
    if not events:
        return None
    return Panel(
        title=_("Your upcoming events"),
        template="events/home/_events.html",
        context={"events": events},
    )


def events_actions(request: HttpRequest) -> list[HomeAction]:
    if not request.user.has_perm("events.add_event"):
        return []
    return [HomeAction(label=_("New event"), url=reverse("events:create"), order=47)]


def register_home() -> None:
    register(HomePanel("events", events_panel, order=35))
    register_actions(events_actions)
