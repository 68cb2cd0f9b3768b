"""The events app's entries in the project's registries (content, notifications, personal
data, navigation, home panel, search), called from ``EventsConfig.ready()``."""

from __future__ import annotations


def register_events() -> None:
    from . import rules  # noqa: F401  (the permissions)
    from .content import register_content
    from .notifications import register_notifications
    from .personal_data import register_personal_data

    register_content()
    register_notifications()
    register_personal_data()
