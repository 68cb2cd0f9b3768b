"""The site's own panel on a signed-in person's front page: the quick actions that the
capabilities offer by role (``kaiku.core.home.register_actions``), shown only when there are
some."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomePanel, Panel, actions_for, register


def actions_panel(request: HttpRequest) -> Panel | None:
    actions = actions_for(request)
    if not actions:
        return None
    return Panel(
        title=_("Quick actions"), template="site/home/_actions.html", context={"actions": actions}
    )


def register_home() -> None:
    register(HomePanel("actions", actions_panel, order=10))
