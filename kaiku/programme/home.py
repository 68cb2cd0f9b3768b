"""The programme's panels on a signed-in person's front page (``kaiku.core.home``): their
working groups with their roles and what is new in them, their upcoming meetings, and "Add a
meeting" for the groups they chair or are secretary of."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaiku.core.content import Visibility
from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions

from . import selectors
from .models import WorkingGroup


def _groups(request: HttpRequest) -> list[WorkingGroup]:
    """The person's groups, read once per request (the panels and the actions share them)."""
    if not hasattr(request, "_home_groups"):
        request._home_groups = selectors.groups_of(person=request.user)
    return request._home_groups


def groups_panel(request: HttpRequest) -> Panel:
    groups = _groups(request)
    return Panel(
        title=gettext_lazy("Your working groups"),
        template="programme/home/_groups.html",
        context={
            "groups": groups,
            "new_items": selectors.new_in_groups(viewer=request.user, groups=groups),
        },
    )


def meetings_panel(request: HttpRequest) -> Panel:
    groups = _groups(request)
    # Calendar feeds carry no session: they list what anyone may see, so only the feeds of
    # public groups are offered.
    calendars = [
        {
            "group": group,
            "url": reverse(
                "programme:group_meetings_ical",
                kwargs={"programme_slug": group.programme.slug, "slug": group.slug},
            ),
        }
        for group in groups
        if group.visibility == Visibility.PUBLIC
    ]
    return Panel(
        title=gettext_lazy("Your upcoming meetings"),
        template="programme/home/_meetings.html",
        context={
            "meetings": selectors.upcoming_meetings_of(person=request.user, limit=5),
            "calendars": calendars,
            "has_groups": bool(groups),
        },
    )


def meeting_actions(request: HttpRequest) -> list[HomeAction]:
    """ "Add a meeting" in each group the person may edit (chair, secretary)."""
    return [
        HomeAction(
            label=_("Add a meeting: %(group)s") % {"group": group.name},
            url=reverse(
                "programme:meeting_create",
                kwargs={"programme_slug": group.programme.slug, "slug": group.slug},
            ),
            order=20,
        )
        for group in _groups(request)
        if group.may_edit
    ]


def register_home() -> None:
    register(HomePanel("groups", groups_panel, order=20))
    register(HomePanel("meetings", meetings_panel, order=30))
    register_actions(meeting_actions)
