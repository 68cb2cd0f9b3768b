"""The discussions panel on a signed-in person's front page (``kaiku.core.home``): the
liveliest discussions the person may see, theirs first. A fixed number of queries."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomePanel, Panel, register

from . import selectors


def discussions_panel(request: HttpRequest) -> Panel:
    return Panel(
        title=_("Discussions"),
        template="discussions/home/_discussions.html",
        context={"discussions": selectors.active_discussions(viewer=request.user, limit=5)},
    )


def register_home() -> None:
    register(HomePanel("discussions", discussions_panel, order=58))
