"""The questions panel on a signed-in person's front page (``kaiku.core.home``): the
person's own questions and the ones they have too, with their statuses, and for chairs,
secretaries and experts the open questions to them; the triage as a moderator's quick
action."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions

from . import selectors


def questions_panel(request: HttpRequest) -> Panel:
    user = request.user
    return Panel(
        title=_("Questions"),
        template="questions/home/_questions.html",
        context={
            "mine": selectors.my_questions(user=user, limit=5),
            "to_me": (
                selectors.to_me_open(user=user, limit=5)
                if selectors.answers_questions(user)
                else None
            ),
            "can_triage": user.has_perm("questions.triage_question"),
        },
    )


def questions_actions(request: HttpRequest) -> list[HomeAction]:
    """Moderators' and administrators' way to the triage (asking is in the panel)."""
    if not request.user.has_perm("questions.triage_question"):
        return []
    return [HomeAction(label=_("Question triage"), url=reverse("questions:triage"), order=40)]


def register_home() -> None:
    register(HomePanel("questions", questions_panel, order=55))
    register_actions(questions_actions)
