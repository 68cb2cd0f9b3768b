"""The onboarding panel on a signed-in person's front page (``kaiku.core.home``): their own
checklists with progress, and for a supervisor or mentor how many people they look after and
how many of their tasks are overdue. A fixed number of queries: the enrolments naming the
person, and the checklists of those (three); none when no enrolment names the person."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions

from . import selectors
from .apps import NAMED_ATTRIBUTE
from .rules import MANAGE, can_manage


def onboarding_panel(request: HttpRequest) -> Panel | None:
    # The signed-in person of a session was read with whether an enrolment names them
    # (``apps.NAMED_ATTRIBUTE``): most people have none, and their panel costs no query.
    if getattr(request.user, NAMED_ATTRIBUTE, None) is False:
        enrolments = []
    else:
        enrolments = selectors.involved_enrolments(viewer=request.user)
    # The menu entry asks the same question: answered here, it costs the page no query.
    request._kaiku_onboarding_nav = bool(enrolments) or can_manage(request.user)
    if not enrolments:
        return None
    checklists = selectors.checklists_for(enrolments)
    user_id = request.user.pk
    own = [checklists[e.pk] for e in enrolments if e.newcomer_id == user_id]
    people = [checklists[e.pk] for e in enrolments if e.newcomer_id != user_id]
    return Panel(
        title=_("Onboarding"),
        template="onboarding/home/_onboarding.html",
        context={
            "own": own,
            "people_count": len(people),
            "people_overdue": sum(c.overdue_for(user_id) for c in people),
        },
    )


def onboarding_actions(request: HttpRequest) -> list[HomeAction]:
    if not request.user.has_perm(MANAGE):
        return []
    return [
        HomeAction(label=_("Onboarding programmes"), url=reverse("onboarding:manage"), order=55)
    ]


def register_home() -> None:
    register(HomePanel("onboarding", onboarding_panel, order=55, cached=False))
    register_actions(onboarding_actions)
