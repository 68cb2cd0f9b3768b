"""The signed-in front page: panels and quick actions that capabilities contribute.

A signed-in person's front page is a column of *panels* ("your working groups", "your
upcoming meetings", "notifications", ...). Each capability registers its own in its
``apps.py`` ``ready()``, exactly like the main menu (``kaiku.core.navigation``), so this
module imports no app and a new capability (questions, surveys, registrations, tasks) adds a
panel without touching the page::

    from kaiku.core import home

    home.register(home.HomePanel("meetings", meetings_panel, order=30))

A panel's ``build(request)`` returns a ``Panel`` (a heading, a template and its context) or
``None`` when it has nothing relevant for this person; it must run a fixed number of queries,
whatever the amount of content.

A panel is rendered once and kept for the person (``kaiku.core.cache.cached_for_person``):
until the content changes, the person writes something, or the page cache's lifetime ends.
A panel whose content changes otherwise (notifications arrive from the background worker)
or that leaves something on the request for the rest of the page says ``cached=False``.
Panel templates get only ``data`` (no request context), so a kept panel is the same
whichever page request renders it. Quick actions ("Add a meeting", "Write news") come from
action providers, ``callable(request) -> list[HomeAction]``; the page shows them together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise

from kaiku.core.cache import cached_for_person


@dataclass(frozen=True)
class Panel:
    """What one panel shows: its heading, the template that renders its body (the template
    reads the context as ``data``) and that context."""

    title: str | Promise
    template: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class HomePanel:
    name: str  # unique; also the panel's HTML id (``home-<name>``)
    build: Callable[[HttpRequest], Panel | None]
    order: int = 100
    cached: bool = True


@dataclass(frozen=True)
class HomeAction:
    label: str | Promise
    url: str
    order: int = 100


ActionProvider = Callable[[HttpRequest], list[HomeAction]]

_panels: dict[str, HomePanel] = {}
_action_providers: list[ActionProvider] = []


def register(panel: HomePanel) -> None:
    """Add ``panel``; registering a panel of the same name again replaces it."""
    _panels[panel.name] = panel


def register_actions(provider: ActionProvider) -> ActionProvider:
    if provider not in _action_providers:
        _action_providers.append(provider)
    return provider


def _render(panel: HomePanel, request: HttpRequest) -> dict:
    """The panel's title and HTML, or ``{}`` when it has nothing for the person."""
    built = panel.build(request)
    if built is None:
        return {}
    return {
        "title": str(built.title),
        "html": render_to_string(built.template, {"data": built.context}),
    }


def panels_for(request: HttpRequest) -> list[dict]:
    """The panels relevant to the person, in order: ``{"name", "title", "html"}``."""
    ordered = sorted(_panels.values(), key=lambda p: (p.order, p.name))
    kept = cached_for_person(
        request.user,
        {
            f"home-panel:{panel.name}": partial(_render, panel, request)
            for panel in ordered
            if panel.cached
        },
    )
    shown = []
    for panel in ordered:
        rendered = kept[f"home-panel:{panel.name}"] if panel.cached else _render(panel, request)
        if rendered:
            shown.append({"name": panel.name, **rendered})
    return shown


def actions_for(request: HttpRequest) -> list[HomeAction]:
    actions: list[HomeAction] = []
    for provider in _action_providers:
        actions.extend(provider(request))
    return sorted(actions, key=lambda a: a.order)
