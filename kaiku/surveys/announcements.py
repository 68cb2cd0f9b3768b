"""A hook through which a published results summary is announced in the news.

Surveys are a capability and may not import another capability (news), and news knows nothing
of surveys. The top floor (``kaiku.site``), which may import both, registers the one function
that writes the news item, in its ``AppConfig.ready()``; the summary's service calls it
through here. Without a registered announcer (an installation without news) the summary form
does not offer "Announce in the news".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Announcement:
    """What the announcer did: the news item's address, and whether it was published (or
    saved as a draft for those who publish news)."""

    url: str
    published: bool


#: ``announce(summary=..., actor=...) -> Announcement``
Announcer = Callable[..., Announcement]

_announcer: Announcer | None = None


def register(announcer: Announcer) -> None:
    global _announcer
    _announcer = announcer


def available() -> bool:
    return _announcer is not None


def announce(*, summary, actor) -> Announcement | None:
    """Announce ``summary`` with the registered announcer (None when there is none)."""
    if _announcer is None:
        return None
    return _announcer(summary=summary, actor=actor)
