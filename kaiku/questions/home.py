"""The questions panel on a signed-in person's front page (``kaiku.core.home``): the
person's own questions and the ones they have too, with their statuses, and for chairs,
secretaries and experts the open questions to them; the triage as a moderator's quick
action."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, IntegerField, Value
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer, run

from . import selectors
from .models import Question, QuestionStatus, QuestionVote
from .services import OPEN_STATUSES

#: What a row of the panel shows: the title, the link, the status and the order's columns.
_COLUMNS = ("pk", "title", "status", "created", "due_at")

#: Which part of the panel's query a row comes from (its ``part`` column).
_MINE, _TO_ME = 0, 1


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


def _mine_part(viewer, *, limit: int, voted: bool):
    rows = Question.objects.visible_to(viewer)
    if voted:
        rows = rows.filter(pk__in=QuestionVote.objects.filter(user=viewer).values("question_id"))
    else:
        rows = rows.filter(author=viewer)
    return rows.order_by("-created", "-pk")[:limit]


def _to_me_part(viewer, *, limit: int, assigned: bool, now):
    rows = selectors.with_overdue(
        Question.objects.visible_to(viewer).filter(status__in=OPEN_STATUSES), now=now
    )
    if assigned:
        rows = rows.filter(assignee=viewer)
    else:
        rows = rows.filter(group_id__in=selectors.answering_group_ids(viewer))
    return rows.order_by("-overdue", "due_at", "-created")[:limit]


def _part(chosen, part: int):
    return (
        Question.objects.filter(pk__in=chosen.values("pk"))
        .annotate(part=Value(part, output_field=IntegerField()))
        .values(*_COLUMNS, "part")
        .order_by()
    )


def _panel_rows(viewer, *, limit: int, now):
    """The first ``limit`` questions the person asked, voted for, that are open to their
    groups and that are assigned to them, in one query (``UNION ALL``; each part read with
    its own index: an OR of the conditions made SQLite scan every question)."""
    parts = [
        _part(_mine_part(viewer, limit=limit, voted=voted), _MINE) for voted in (False, True)
    ] + [
        _part(_to_me_part(viewer, limit=limit, assigned=assigned, now=now), _TO_ME)
        for assigned in (False, True)
    ]
    return parts[0].union(*parts[1:], all=True)


def _first(rows: list[dict], part: int, key, limit: int) -> list[dict]:
    """The first ``limit`` of the union of ``part``'s rows by ``key`` (as
    ``selectors.newest_of``)."""
    found = {row["pk"]: row for row in rows if row["part"] == part}
    return sorted(found.values(), key=key)[:limit]


def home_questions(user, limit: int = 5) -> dict:
    """``mine``: the newest questions the person asked or voted for; ``to_me``: the open
    questions for them to answer (their groups' and those assigned to them), the overdue
    first, or ``None`` when they answer none. Rows of ``_COLUMNS`` with ``overdue``; one kept
    query, and one more (``_answers_questions``) only when no question is open to them."""
    now = timezone.now()
    far = now + timezone.timedelta(days=365 * 100)
    rows = for_viewer(user, _panel_rows, shape={"limit": limit}, now=now)
    for row in rows:
        # ``selectors.with_overdue``'s rule, on the row (fewer parameters for the query).
        due = row["due_at"]
        row["overdue"] = row["status"] in OPEN_STATUSES and due is not None and due < now
    to_me = _first(
        rows,
        _TO_ME,
        lambda row: (not row["overdue"], row["due_at"] or far, -row["created"].timestamp()),
        limit,
    )
    return {
        "mine": _first(rows, _MINE, lambda row: (-row["created"].timestamp(), -row["pk"]), limit),
        # Rows open to them: they answer questions (chair, secretary or assignee).
        "to_me": to_me if to_me or _answers_questions(user) else None,
    }


def panel_rows(rows: list[dict], *, overdue: bool) -> SafeString:
    """The panel's ``<li>`` rows, as the template's loop and
    ``questions/includes/_status.html`` wrote them (the overdue badge only where
    ``overdue``): every text escaped."""
    labels = dict(QuestionStatus.choices)
    overdue_label = gettext("Overdue")
    overdue_badge = (
        ' <span class="badge question-status question-status--overdue">'
        f"{escape(overdue_label)}</span>"
    )
    parts = []
    for row in rows:
        status = escape(row["status"])
        url = escape(reverse_cached("questions:detail", pk=row["pk"]))
        parts.append(
            f'<li><a href="{url}">{escape(row["title"])}</a> '
            f'<span class="badge question-status question-status--{status}">'
            f"{escape(labels.get(row['status'], row['status']))}</span>"
            f"{overdue_badge if overdue and row['overdue'] else ''}\n</li>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def questions_panel(request: HttpRequest) -> Panel:
    user = request.user
    context = home_questions(user, 5)
    context["mine_rows"] = panel_rows(context["mine"], overdue=False)
    if context["to_me"]:
        context["to_me_rows"] = panel_rows(context["to_me"], overdue=True)
    context["can_triage"] = user.has_perm("questions.triage_question")
    return Panel(title=_("Questions"), template="questions/home/_questions.html", context=context)


def questions_actions(request: HttpRequest) -> list[HomeAction]:
    """Moderators' and administrators' way to the triage (asking is in the panel)."""
    if not request.user.has_perm("questions.triage_question"):
        return []
    return [HomeAction(label=_("Question triage"), url=reverse("questions:triage"), order=40)]


def register_home() -> None:
    register(HomePanel("questions", questions_panel, order=55))
    register_actions(questions_actions)
