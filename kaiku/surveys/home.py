"""The surveys panel on a signed-in person's front page (``kaiku.core.home``): the open
surveys in their audience that they have not answered, and for change coordinators the way
to the builder."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions

from . import selectors

PANEL_LIMIT = 5


def surveys_panel(request: HttpRequest) -> Panel | None:
    surveys = selectors.open_for(viewer=request.user, limit=PANEL_LIMIT)
    if not surveys:
        return None
    return Panel(
        title=_("Surveys to answer"),
        template="surveys/home/_surveys.html",
        context={"surveys": surveys},
    )


def surveys_actions(request: HttpRequest) -> list[HomeAction]:
    if not request.user.has_perm(selectors.MANAGE):
        return []
    return [HomeAction(label=_("Build a survey"), url=reverse("surveys:manage"), order=45)]


def register_home() -> None:
    register(HomePanel("surveys", surveys_panel, order=50))
    register_actions(surveys_actions)
