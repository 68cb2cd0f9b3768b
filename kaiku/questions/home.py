"""The questions panel on a signed-in person's front page (``kaiku.core.home``): the
person's own questions and the ones they have too, with their statuses, and for chairs,
secretaries and experts the open questions to them; the triage as a moderator's quick
action."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions

from . import selectors
from .models import Question, QuestionVote
from .services import OPEN_STATUSES

#: What a row of the panel shows: the title, the link and the status.
_COLUMNS = ("pk", "title", "status", "created")


def _answers_questions(user) -> bool:
    """``selectors.answers_questions`` in one query: chair or secretary of a group, or an
    expert with questions."""
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(
            Exists(selectors.answering_group_ids(user))
            | Exists(Question.objects.filter(assignee_id=user.pk))
        )
        .exists()
    )


def _mine(user, limit: int) -> list[Question]:
    """The newest questions the person asked or voted for, with the columns the panel
    shows."""
    rows = Question.objects.visible_to(user).only(*_COLUMNS)
    voted = QuestionVote.objects.filter(user=user).values("question_id")
    return selectors.newest_of(
        [rows.filter(author=user), rows.filter(pk__in=voted)],
        ("-created", "-pk"),
        lambda q: (-q.created.timestamp(), -q.pk),
        limit,
    )


def _to_me(user, limit: int) -> list[Question]:
    """Open questions for the person to answer (their groups' and those assigned to
    them), with the columns the panel shows."""
    rows = selectors.with_overdue(
        Question.objects.visible_to(user).filter(status__in=OPEN_STATUSES).only(*_COLUMNS, "due_at")
    )
    far = timezone.now() + timezone.timedelta(days=365 * 100)
    return selectors.newest_of(
        [
            rows.filter(group_id__in=selectors.answering_group_ids(user)),
            rows.filter(assignee=user),
        ],
        ("-overdue", "due_at", "-created"),
        lambda q: (not q.overdue, q.due_at or far, -q.created.timestamp()),
        limit,
    )


def questions_panel(request: HttpRequest) -> Panel:
    user = request.user
    return Panel(
        title=_("Questions"),
        template="questions/home/_questions.html",
        context={
            "mine": _mine(user, 5),
            "to_me": _to_me(user, 5) if _answers_questions(user) else None,
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
