"""The notifications panel on a signed-in person's front page (``kaiku.core.home``): how many
are unread and the newest five of them."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomePanel, Panel, register

from . import selectors


def notifications_panel(request: HttpRequest) -> Panel:
    unread = selectors.latest_unread(user=request.user, limit=5)
    # The header's unread badge reads the same number (context_processors.unread_count).
    request._unread_notifications = unread["count"]
    return Panel(
        title=_("Notifications"), template="notifications/home/_notifications.html", context=unread
    )


def register_home() -> None:
    register(HomePanel("notifications", notifications_panel, order=40, cached=False))
