"""Reads for onboarding, each a fixed number of queries whatever the amount of data.

Who sees an enrolment is the content layer's rule (``content.py``). Progress (tasks done,
overdue) is computed in Python from the programme's tasks and the enrolment's completions,
two queries for any number of enrolments (``checklists_for``): a due date is the start date
plus the task's offset, which is simpler to add up here than in portable SQL.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kaiku.core.cache import cached_for_generation
from kaiku.core.predicates import is_authenticated
from kaiku.core.prepared import run

from .models import Enrolment, Module, OnboardingProgramme, Responsible, Task, TaskCompletion
from .rules import MANAGE, can_manage

MAX_PK = 2**31 - 1


# --- Programmes -------------------------------------------------------------------------------


def programmes_managed() -> QuerySet:
    """Every programme, for those who manage onboarding, with its numbers of tasks and
    enrolments (one query)."""
    return (
        OnboardingProgramme.objects.select_related("organisation")
        .annotate(
            task_count=Count("modules__tasks", distinct=True),
            enrolment_count=Count("enrolments", distinct=True),
        )
        .order_by("-published", "title", "pk")
    )


def programme_get(*, viewer, pk: int) -> OnboardingProgramme:
    """The programme ``pk`` for someone who manages onboarding; a 404 for everyone else."""
    if pk > MAX_PK or not viewer.has_perm(MANAGE):
        raise Http404
    programme = (
        OnboardingProgramme.objects.select_related("organisation", "owner").filter(pk=pk).first()
    )
    if programme is None:
        raise Http404
    return programme


def modules_of(programme_ids) -> list[Module]:
    """The modules of the programmes with their tasks, in order: two queries."""
    return list(
        Module.objects.filter(programme_id__in=list(programme_ids))
        .order_by("programme_id", "order", "pk")
        .prefetch_related(Prefetch("tasks", queryset=Task.objects.order_by("order", "pk")))
    )


def programme_enrolments(*, programme: OnboardingProgramme) -> QuerySet:
    return (
        Enrolment.objects.filter(programme=programme)
        .select_related("newcomer", "supervisor", "mentor")
        .order_by("-start_date", "-pk")
    )


# --- Checklists -------------------------------------------------------------------------------


@dataclass
class TaskRow:
    task: Task
    due_date: datetime.date
    completion: TaskCompletion | None
    overdue: bool

    @property
    def done(self) -> bool:
        return self.completion is not None


@dataclass
class ModuleRows:
    module: Module
    tasks: list[TaskRow] = field(default_factory=list)


@dataclass
class Checklist:
    enrolment: Enrolment
    modules: list[ModuleRows] = field(default_factory=list)

    @property
    def rows(self) -> list[TaskRow]:
        return [row for module in self.modules for row in module.tasks]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.done)

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def overdue_for(self, user_id: int) -> int:
        """Overdue tasks that ``user_id`` is responsible for in this enrolment."""
        return sum(
            1
            for row in self.rows
            if row.overdue and self.enrolment.person_id_for(row.task.responsible) == user_id
        )


def today() -> datetime.date:
    return timezone.localdate()


def checklists_for(enrolments, *, on: datetime.date | None = None) -> dict[int, Checklist]:
    """The checklist of each enrolment (whose ``programme`` is loaded): three queries for any
    number of enrolments (modules, their tasks, the completions)."""
    enrolments = list(enrolments)
    on = on or today()
    if not enrolments:
        return {}
    modules = modules_of({e.programme_id for e in enrolments})
    by_programme: dict[int, list[Module]] = {}
    for module in modules:
        by_programme.setdefault(module.programme_id, []).append(module)
    done = {
        (c.enrolment_id, c.task_id): c
        for c in TaskCompletion.objects.filter(enrolment__in=[e.pk for e in enrolments])
        .select_related("done_by")
        .order_by()
    }
    checklists = {}
    for enrolment in enrolments:
        checklist = Checklist(enrolment=enrolment)
        for module in by_programme.get(enrolment.programme_id, []):
            rows = ModuleRows(module=module)
            for task in module.tasks.all():
                due = task.due_date(enrolment.start_date)
                completion = done.get((enrolment.pk, task.pk))
                rows.tasks.append(
                    TaskRow(
                        task=task,
                        due_date=due,
                        completion=completion,
                        overdue=completion is None and due < on,
                    )
                )
            checklist.modules.append(rows)
        checklists[enrolment.pk] = checklist
    return checklists


def checklist_of(enrolment: Enrolment, *, on: datetime.date | None = None) -> Checklist:
    return checklists_for([enrolment], on=on)[enrolment.pk]


# --- Enrolments -------------------------------------------------------------------------------


def _with_people(qs: QuerySet) -> QuerySet:
    return qs.select_related("programme", "newcomer", "supervisor", "mentor")


def enrolment_get_for(*, viewer, pk: int) -> Enrolment:
    """The enrolment ``pk`` if ``viewer`` may see it (its newcomer, supervisor or mentor, or
    someone who manages onboarding); a 404 for everyone else."""
    if pk > MAX_PK or not is_authenticated(viewer):
        raise Http404
    enrolment = _with_people(Enrolment.objects.visible_to(viewer)).filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    return enrolment


def my_enrolments(*, viewer) -> list[Enrolment]:
    """The viewer's own enrolments, as a newcomer, newest start first."""
    if not is_authenticated(viewer):
        return []
    return list(_with_people(Enrolment.objects.filter(newcomer_id=viewer.pk)))


def my_people(*, viewer) -> list[Enrolment]:
    """The enrolments in which the viewer is the supervisor or the mentor."""
    if not is_authenticated(viewer):
        return []
    return list(
        _with_people(
            Enrolment.objects.filter(Q(supervisor_id=viewer.pk) | Q(mentor_id=viewer.pk))
        ).order_by("newcomer__full_name", "-start_date", "pk")
    )


def _names(viewer) -> Q:
    """Enrolments that name ``viewer``: as the newcomer, the supervisor or the mentor."""
    return _naming_q(viewer.pk)


def _naming_q(person: int) -> Q:
    return Q(newcomer_id=person) | Q(supervisor_id=person) | Q(mentor_id=person)


def enrolment_ids_naming(viewer) -> QuerySet:
    """The enrolments that name ``viewer`` (newcomer, supervisor or mentor): a subquery."""
    if not is_authenticated(viewer):
        return Enrolment.objects.none().values("pk")
    return Enrolment.objects.filter(_names(viewer)).order_by().values("pk")


def _involved(*, person: int) -> QuerySet[Enrolment]:
    return _with_people(Enrolment.objects.filter(_naming_q(person)))


def involved_enrolments(*, viewer) -> list[Enrolment]:
    """The enrolments that name the viewer: as the newcomer, supervisor or mentor (a kept
    query, ``kaiku.core.prepared``: the front page's panel asks it on every view)."""
    if not is_authenticated(viewer):
        return []
    return run(_involved, person=viewer.pk)


def _naming(*, person: int) -> QuerySet:
    return Enrolment.objects.filter(_naming_q(person)).order_by().values_list("pk", flat=True)[:1]


def named_in_enrolment(viewer) -> bool:
    """Whether an enrolment names the viewer (newcomer, supervisor or mentor): one kept
    query (``kaiku.core.prepared``), asked on every signed-in page for the menu entry."""
    return bool(run(_naming, person=viewer.pk))


def has_onboarding(viewer) -> bool:
    """Whether onboarding has something for the viewer (the navigation entry): they manage
    it, or an enrolment names them. The second is kept per person until the content changes
    (``core.cache.cached_for_generation``; every change of an enrolment is a content change,
    ``apps._enrolment_changed``), so a signed-in page normally costs no query for it. The key
    also holds when the account was created, so a reused primary key (tests) starts afresh."""
    if not is_authenticated(viewer):
        return False
    # The rule itself, not ``has_perm``: for everyone it does not grant, ``has_perm`` goes on
    # to the model backend, which reads the person's database permissions (two queries) on
    # every signed-in page for a menu entry.
    if can_manage(viewer):
        return True
    joined = getattr(viewer, "date_joined", None)
    stamp = int(joined.timestamp() * 1_000_000) if joined else 0
    return cached_for_generation(
        f"onboarding:menu:{viewer.pk}:{stamp}", lambda: named_in_enrolment(viewer)
    )


def role_of(enrolment: Enrolment, user) -> str | None:
    """The viewer's part in the enrolment: ``newcomer``, ``supervisor``, ``mentor`` or None."""
    for role in (Responsible.NEWCOMER, Responsible.SUPERVISOR, Responsible.MENTOR):
        if enrolment.person_id_for(role) == getattr(user, "pk", None):
            return role
    return None


def people_candidates(*, organisation=None, keep=()) -> QuerySet:
    """The people who can be enrolled or named supervisor or mentor: active accounts; for a
    programme of an organisation, the people of it and of its units (and ``keep``, the people
    an enrolment already names), so the lists stay short at national scale."""
    people = get_user_model().objects.filter(is_active=True, removed_at__isnull=True)
    if organisation is not None:
        people = people.filter(
            Q(organisation_id=organisation.pk)
            | Q(organisation__parent_id=organisation.pk)
            | Q(pk__in=[pk for pk in keep if pk])
        )
    return people.order_by("full_name", "email")
