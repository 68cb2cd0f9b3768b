"""A number that changes whenever a setting changes (``override_settings`` in the tests).

What a process keeps for the settings of the moment (kept queries in ``kaiku.core.prepared``,
kept fragments of ``{% kept %}``) is keyed by ``current()``, so a changed setting is never
served from what was kept before it.
"""

from __future__ import annotations

import itertools

from django.core.signals import setting_changed

_counter = itertools.count()
_current = next(_counter)


def current() -> int:
    return _current


def _renew(**kwargs) -> None:
    global _current
    _current = next(_counter)


setting_changed.connect(_renew, dispatch_uid="kaiku.core.settings_generation")
