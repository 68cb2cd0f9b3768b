"""The events app's entries in the project's registries (content, notifications, personal
data, navigation, home panel), called from ``EventsConfig.ready()``."""

from __future__ import annotations


def register_events() -> None:
    pass
