"""The notifications panel on a signed-in person's front page (``kaiku.core.home``): how many
are unread and the newest five of them."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kaiku.core import settings_generation
from kaiku.core.home import HomePanel, Panel, register

from . import selectors

TEMPLATE = "notifications/home/_notifications.html"

#: The panel of a person with nothing unread, per settings, language and URL prefix: the
#: same for everyone (most people, most of the time).
_nothing_unread: dict[tuple, SafeString] = {}


def _nothing_unread_html() -> SafeString:
    key = (settings_generation.current(), get_language(), get_script_prefix())
    html = _nothing_unread.get(key)
    if html is None:
        html = mark_safe(render_to_string(TEMPLATE, {"data": {"count": 0, "rows": []}}))  # noqa: S308 - the template's own output
        _nothing_unread[key] = html
    return html


def notifications_panel(request: HttpRequest) -> Panel:
    unread = selectors.latest_unread(user=request.user, limit=5)
    # The header's unread badge reads the same number (context_processors.unread_count).
    request._unread_notifications = unread["count"]
    if not unread["count"]:
        # ``_kept.html`` writes ``data.html`` as it is.
        return Panel(
            title=_("Notifications"),
            template="notifications/home/_kept.html",
            context={"html": _nothing_unread_html()},
        )
    return Panel(title=_("Notifications"), template=TEMPLATE, context=unread)


def register_home() -> None:
    register(HomePanel("notifications", notifications_panel, order=40, cached=False))
