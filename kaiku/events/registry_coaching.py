"""Registry entries of the live Q&A and the coaching programmes, called from
``EventsConfig.ready()`` after ``registry.register_events``."""

from __future__ import annotations


def register_coaching() -> None:
    pass
