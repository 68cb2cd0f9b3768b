"""Reads for questions. Everything goes through the content layer
(``Question.objects.visible_to``): a viewer never gets a question they may not see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from kaiku.core.cache import cached_for_generation
from kaiku.core.content import Visibility
from kaiku.core.predicates import is_administrator, is_authenticated, is_moderator
from kaiku.core.prepared import for_viewer, run
from kaiku.core.translations import language_order
from kaiku.programme.selectors import MAX_PK

from .models import Answer, AnswerRevision, Question, QuestionStatus, QuestionVote, Topic
from .services import OPEN_STATUSES


def _listed(viewer) -> QuerySet:
    return Question.objects.visible_to(viewer).select_related(
        "group", "group__programme", "topic", "author", "assignee"
    )


def answering_group_ids(user):
    """A subquery of the groups where ``user`` is the current chair or secretary."""
    from kaiku.programme.models import EDITOR_ROLES, Membership
    from kaiku.programme.selectors import current_membership_q

    return Membership.objects.filter(
        current_membership_q(), person=user, role__in=EDITOR_ROLES
    ).values("group_id")


def to_me_q(user) -> Q:
    """Questions the person answers: to their groups (as chair or secretary) or to them."""
    if not is_authenticated(user):
        return Q(pk__in=[])
    return Q(group_id__in=answering_group_ids(user)) | Q(assignee=user)


def answers_questions(user) -> bool:
    """Whether anything can be assigned to the person: chair or secretary of a group, or an
    expert with questions."""
    if not is_authenticated(user):
        return False
    return answering_group_ids(user).exists() or Question.objects.filter(assignee=user).exists()


def question_list(
    *, viewer, status=None, group=None, topic=None, to_me: bool = False, q: str = ""
) -> QuerySet:
    rows = _listed(viewer)
    if status:
        rows = rows.filter(status=status)
    if group is not None:
        rows = rows.filter(group=group)
    if topic is not None:
        rows = rows.filter(topic=topic)
    if to_me:
        rows = rows.filter(to_me_q(viewer))
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(body__icontains=q))
    return rows.order_by("-created", "-pk")


@dataclass(slots=True)
class ListedQuestion:
    """A row of the question list: only what the list shows (no model instances, no joined
    groups, programmes, authors or assignees; the URL made without a ``reverse`` per row)."""

    pk: int
    url: str
    title: str
    status: str
    status_label: str
    staff_only: bool
    vote_count: int
    group_name: str | None
    topic_name: str | None
    created: object


_LISTED_COLUMNS = ("pk", "title", "status", "visibility", "vote_count", "created", "topic__name")


def listed_rows(rows: QuerySet) -> QuerySet:
    """``rows`` (from ``question_list``) as the tuples ``listed_questions`` turns into rows:
    the group's name in every language (the page's language is picked in Python, falling back
    like modeltranslation does)."""
    names = [f"group__name_{code}" for code in language_order()]
    return rows.values_list(*_LISTED_COLUMNS, "group_id", *names)


def _listed_page(viewer, *, start: int, stop: int, to_me: bool, **filters) -> QuerySet:
    # A page of the list's rows (``listed_rows``), kept per viewer's role set.
    return listed_rows(question_list(viewer=viewer, to_me=to_me, **filters))[start:stop]


def listed_page(*, viewer, start: int, stop: int, **filters) -> list[ListedQuestion]:
    """``listed_questions`` of the rows ``start:stop`` of ``question_list(**filters)``; a kept
    query unless the filters hold a text search."""
    kept = _kept_filters(filters)
    if kept is None:
        tuples = listed_rows(question_list(viewer=viewer, **filters))[start:stop]
    else:
        shape = {"start": start, "stop": stop, "to_me": bool(filters.get("to_me"))}
        tuples = for_viewer(viewer, _listed_page, shape=shape, **kept)
    return listed_questions(tuples)


def listed_questions(tuples) -> list[ListedQuestion]:
    """The rows of ``listed_rows`` (one page of them) for the list's template."""
    detail = reverse("questions:detail", kwargs={"pk": 0})
    prefix = detail.removesuffix("0/")  # "/fi/questions/0/" → "/fi/questions/"
    labels = dict(QuestionStatus.choices)
    staff = Visibility.STAFF
    found = []
    for pk, title, status, visibility, votes, created, topic, group_id, *names in tuples:
        found.append(
            ListedQuestion(
                pk=pk,
                url=f"{prefix}{pk}/",
                title=title,
                status=status,
                status_label=labels.get(status, status),
                staff_only=visibility == staff,
                vote_count=votes,
                group_name=next((name for name in names if name), "") if group_id else None,
                topic_name=topic,
                created=created,
            )
        )
    return found


def _by_status(rows: QuerySet) -> Counter:
    return Counter(dict(_grouped(rows)))


def _grouped(rows: QuerySet) -> QuerySet:
    return rows.order_by().values_list("status").annotate(n=Count("pk"))


def _kept_filters(filters: dict) -> dict | None:
    """``filters`` as the values of a kept query (model instances as their keys), or None
    when they hold a text search (``__icontains``: not kept)."""
    if filters.get("q"):
        return None
    return {k: getattr(v, "pk", v) for k, v in filters.items() if k != "to_me"}


def _counted(viewer, *, to_me: bool, part: str, **filters) -> QuerySet:
    # status_counts' reads, kept per viewer's role set (``kaiku.core.prepared``).
    rows = question_list(viewer=viewer, to_me=to_me, **filters)
    if part == "unhidden":
        rows = rows.filter(hidden_at__isnull=True)
    elif part == "own hidden":
        rows = rows.filter(hidden_at__isnull=False, author=viewer)
    return _grouped(rows)


def _count(viewer, filters: dict, part: str) -> Counter:
    kept = _kept_filters(filters)
    if kept is None:
        rows = question_list(viewer=viewer, **filters)
        if part == "unhidden":
            rows = rows.filter(hidden_at__isnull=True)
        elif part == "own hidden":
            rows = rows.filter(hidden_at__isnull=False, author=viewer)
        return _by_status(rows)
    shape = {"to_me": bool(filters.get("to_me")), "part": part}
    return Counter(dict(for_viewer(viewer, _counted, shape=shape, **kept)))


def status_counts(*, viewer, **filters) -> dict[str, int]:
    """``{status: count}`` of the questions the list would show with ``filters`` and any
    status. Counting 100,000 questions reads every row, so the counts everyone of a kind of
    viewer shares (anonymous, signed in, moderators, administrators) are kept until the
    content changes (``cached_for_generation``); a signed-in person's own hidden questions,
    which only they see, are counted apart, from the author index."""
    filters.pop("status", None)
    if filters.get("to_me"):  # the person's own list: not shared
        counts = _count(viewer, filters, "all")
    else:
        kind = (
            "administrator"
            if is_administrator(viewer)
            else "moderator"
            if is_moderator(viewer)
            else "staff"
            if is_authenticated(viewer)
            else "anonymous"
        )
        shared = "unhidden" if kind == "staff" else "all"
        described = ",".join(f"{k}={getattr(v, 'pk', v)}" for k, v in sorted(filters.items()))
        counts = Counter(
            cached_for_generation(
                f"questions:status-counts:{kind}:{described}",
                lambda: dict(_count(viewer, filters, shared)),
            )
        )
        if kind == "staff":
            counts += _count(viewer, filters, "own hidden")
    return {value: counts.get(value, 0) for value in QuestionStatus.values}


def with_overdue(rows: QuerySet, *, now=None) -> QuerySet:
    now = now or timezone.now()
    return rows.annotate(
        overdue=Case(
            When(status__in=OPEN_STATUSES, due_at__lt=now, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def triage_list(*, viewer, status=None, overdue_only: bool = False) -> QuerySet:
    """Open questions (new and assigned), the most overdue first, then the newest."""
    rows = _listed(viewer).filter(status__in=[status] if status else OPEN_STATUSES)
    rows = with_overdue(rows)
    if overdue_only:
        rows = rows.filter(overdue=True)
    return rows.order_by("-overdue", "due_at", "-created", "-pk")


def question_find(*, viewer, pk: int) -> Question | None:
    """The question ``pk`` if ``viewer`` may see it, else ``None`` (a number typed into a
    form: out-of-range numbers are simply not found)."""
    if not 0 < pk <= MAX_PK:
        return None
    return Question.objects.visible_to(viewer).filter(pk=pk).first()


def _one(rows: QuerySet):
    """The one row of ``rows`` (filtered by a unique key) or ``None``: no ORDER BY, whose
    compilation over every selected column of the joined rows cost more than the query."""
    found = list(rows.order_by()[:1])
    return found[0] if found else None


def _question(viewer, *, pk: int) -> QuerySet:
    return (
        Question.objects.visible_to(viewer)
        .select_related(
            "group",
            "group__programme",
            "topic",
            "author",
            "assignee",
            "duplicate_of",
        )
        .filter(pk=pk)
        .order_by()[:1]
    )


def question_get_for(*, viewer, pk: int) -> Question:
    """The question with what its page shows of its group, topic, people and the question
    it was merged into; a kept query (``kaiku.core.prepared``)."""
    found = for_viewer(viewer, _question, pk=pk)
    if not found:
        raise Http404
    return found[0]


def _answer(*, pk: int) -> QuerySet:
    return (
        Answer.objects.select_related("author", "organisation", "group")
        .filter(question=pk)
        .order_by()[:1]
    )


def answer_of(question: Question) -> Answer | None:
    # One answer per question at most (a one-to-one field); a kept query.
    found = run(_answer, pk=question.pk)
    return found[0] if found else None


def _revisions(*, pk: int) -> QuerySet:
    return AnswerRevision.objects.filter(answer=pk).select_related("author", "organisation")


def revisions_of(answer: Answer | None) -> list[AnswerRevision]:
    if answer is None:
        return []
    return run(_revisions, pk=answer.pk)


def _duplicates(viewer, *, pk: int) -> QuerySet:
    return (
        Question.objects.visible_to(viewer)
        .filter(duplicate_of=pk)
        .only("pk", "title")
        .order_by("created")
    )


def duplicates_of(*, viewer, question: Question) -> list[Question]:
    """The questions merged into ``question``: their titles and addresses only."""
    return for_viewer(viewer, _duplicates, pk=question.pk)


def voted_ids(*, user, questions) -> set[int]:
    if not is_authenticated(user) or not questions:
        return set()
    pks = [q.pk for q in questions]
    return set(
        QuestionVote.objects.filter(user=user, question_id__in=pks).values_list(
            "question_id", flat=True
        )
    )


def has_voted(*, user, question: Question) -> bool:
    return bool(voted_ids(user=user, questions=[question]))


def faq(*, viewer) -> list[tuple[Topic, list[Question]]]:
    """The FAQ: answered questions chosen for it, by topic in the topics' order."""
    rows = (
        _listed(viewer)
        .filter(in_faq=True, status=QuestionStatus.ANSWERED, topic__isnull=False)
        .select_related("answer", "answer__organisation", "answer__author")
        .order_by("topic__order", "topic__name", "faq_order", "pk")
    )
    grouped: dict[int, tuple[Topic, list[Question]]] = {}
    for question in rows:
        grouped.setdefault(question.topic_id, (question.topic, []))[1].append(question)
    return list(grouped.values())


def newest_of(parts: list[QuerySet], order: tuple[str, ...], key, limit: int) -> list[Question]:
    """The first ``limit`` of the union of ``parts`` (each read with its own index: an OR of
    the conditions made SQLite scan every question), by ``key``."""
    found: dict[int, Question] = {}
    for part in parts:
        for question in part.order_by(*order)[:limit]:
            found[question.pk] = question
    return sorted(found.values(), key=key)[:limit]


def newly_answered(*, viewer, limit: int) -> QuerySet:
    return (
        Question.objects.visible_to(viewer)
        .filter(status=QuestionStatus.ANSWERED, answered_at__isnull=False)
        .order_by("-answered_at", "-pk")[:limit]
    )
