"""The events app's entries in the project's registries (content, notifications, personal
data, navigation, home panel, what's new, search), called from ``EventsConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_events() -> None:
    from kaiku.core import whatsnew
    from kaiku.core.content import published_q
    from kaiku.core.navigation import NavItem, register
    from kaiku.core.search import register_searchable

    from . import rules  # noqa: F401  (the permissions)
    from .content import register_content
    from .home import register_home
    from .models import Event
    from .notifications import register_notifications
    from .personal_data import register_personal_data
    from .team_panel import register_team_panel
    from .whatsnew import new_events

    register_content()
    register_notifications()
    register_personal_data()
    register_home()
    register_team_panel()
    whatsnew.register(new_events)
    register(
        NavItem(
            _("Events"),
            "events:list",
            order=25,
            summary=_("Info sessions, coaching and development days: register and join."),
        )
    )
    register_searchable(
        Event,
        label=_("Events"),
        fields=("title", "description", "location"),
        date_field="starts_at",
        restrict=lambda viewer, now: published_q(now=now),
    )
