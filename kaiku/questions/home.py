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
from kaiku.core.prepared import for_viewer, run

from . import selectors
from .models import Question, QuestionVote
from .services import OPEN_STATUSES

#: What a row of the panel shows: the title, the link and the status.
_COLUMNS = ("pk", "title", "status", "created")


def _answering(*, person: int):
    return (
        get_user_model()
        .objects.filter(pk=person)
        .filter(
            Exists(selectors.answering_group_ids(person))
            | Exists(Question.objects.filter(assignee_id=person))
        )
        .values_list("pk", flat=True)[:1]
    )


def _answers_questions(user) -> bool:
    """``selectors.answers_questions`` in one kept query (``kaiku.core.prepared``): chair or
    secretary of a group, or an expert with questions."""
    return bool(run(_answering, person=user.pk))


def _merged(parts: list[list[Question]], key, limit: int) -> list[Question]:
    """The first ``limit`` of the union of ``parts`` by ``key`` (as ``selectors.newest_of``;
    each part read with its own index: an OR of the conditions made SQLite scan every
    question)."""
    found = {question.pk: question for part in parts for question in part}
    return sorted(found.values(), key=key)[:limit]


def _mine_part(viewer, *, limit: int, voted: bool):
    rows = Question.objects.visible_to(viewer).only(*_COLUMNS)
    if voted:
        rows = rows.filter(pk__in=QuestionVote.objects.filter(user=viewer).values("question_id"))
    else:
        rows = rows.filter(author=viewer)
    return rows.order_by("-created", "-pk")[:limit]


def _mine(user, limit: int) -> list[Question]:
    """The newest questions the person asked or voted for, with the columns the panel
    shows (two kept queries)."""
    return _merged(
        [
            for_viewer(user, _mine_part, shape={"limit": limit, "voted": voted})
            for voted in (False, True)
        ],
        lambda q: (-q.created.timestamp(), -q.pk),
        limit,
    )


def _to_me_part(viewer, *, limit: int, assigned: bool, now):
    rows = selectors.with_overdue(
        Question.objects.visible_to(viewer)
        .filter(status__in=OPEN_STATUSES)
        .only(*_COLUMNS, "due_at"),
        now=now,
    )
    if assigned:
        rows = rows.filter(assignee=viewer)
    else:
        rows = rows.filter(group_id__in=selectors.answering_group_ids(viewer))
    return rows.order_by("-overdue", "due_at", "-created")[:limit]


def _to_me(user, limit: int) -> list[Question]:
    """Open questions for the person to answer (their groups' and those assigned to
    them), with the columns the panel shows (two kept queries)."""
    now = timezone.now()
    far = now + timezone.timedelta(days=365 * 100)
    return _merged(
        [
            for_viewer(user, _to_me_part, shape={"limit": limit, "assigned": assigned}, now=now)
            for assigned in (False, True)
        ],
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
