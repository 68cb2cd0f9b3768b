"""Writes for onboarding.

The callers (views) check the permission first (``rules.py``). Every function validates and
raises ``ValidationError`` with nothing saved. Changes to enrolments (who is enrolled, their
start date, supervisor and mentor) are written to the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kaiku.core.audit import audit_log
from kaiku.core.translations import translated
from kaiku.core.writes import model_update

from .models import Enrolment, Module, OnboardingProgramme, Task, TaskCompletion
from .notifications import ONBOARDING_ENROLLED

PROGRAMME_FIELDS = (*translated("title", "description"), "organisation", "published")
MODULE_FIELDS = (*translated("title"), "order")
TASK_FIELDS = (
    "module",
    *translated("title", "description"),
    "due_offset_days",
    "responsible",
    "order",
)
ENROLMENT_FIELDS = ("start_date", "supervisor", "mentor")

ENROLMENT_CREATED = "onboarding_enrolment_created"
ENROLMENT_CHANGED = "onboarding_enrolment_changed"
ENROLMENT_DELETED = "onboarding_enrolment_deleted"


def _check_fields(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


# --- Programmes, modules and tasks --------------------------------------------------------------


@transaction.atomic
def programme_create(*, actor, **fields) -> OnboardingProgramme:
    _check_fields(fields, PROGRAMME_FIELDS)
    programme = OnboardingProgramme(owner=actor, **fields)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, programme: OnboardingProgramme, actor, **fields) -> OnboardingProgramme:  # noqa: ARG001
    programme, _changed = model_update(programme, data=fields, allowed=PROGRAMME_FIELDS)
    return programme


@transaction.atomic
def module_create(*, programme: OnboardingProgramme, actor, **fields) -> Module:  # noqa: ARG001
    _check_fields(fields, MODULE_FIELDS)
    module = Module(programme=programme, **fields)
    module.full_clean()
    module.save()
    return module


@transaction.atomic
def module_update(*, module: Module, actor, **fields) -> Module:  # noqa: ARG001
    module, _changed = model_update(module, data=fields, allowed=MODULE_FIELDS)
    return module


def _check_module(module: Module, programme: OnboardingProgramme) -> None:
    if module.programme_id != programme.pk:
        raise ValidationError({"module": _("Choose a module of this programme.")})


@transaction.atomic
def task_create(*, programme: OnboardingProgramme, actor, **fields) -> Task:  # noqa: ARG001
    _check_fields(fields, TASK_FIELDS)
    task = Task(**fields)
    _check_module(task.module, programme)
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_update(*, task: Task, actor, **fields) -> Task:  # noqa: ARG001
    programme = task.module.programme
    if "module" in fields:
        _check_module(fields["module"], programme)
    task, _changed = model_update(task, data=fields, allowed=TASK_FIELDS)
    return task


# --- Enrolments ---------------------------------------------------------------------------------


def _person_ids(enrolment: Enrolment) -> dict:
    return {
        "newcomer": enrolment.newcomer_id,
        "supervisor": enrolment.supervisor_id,
        "mentor": enrolment.mentor_id,
        "start_date": enrolment.start_date.isoformat() if enrolment.start_date else None,
    }


def _tell_enrolled(enrolment: Enrolment, actor) -> None:
    """Tell the newcomer, the supervisor and the mentor, each in their own language."""
    from kaiku.notifications.services import notify_people

    people = (enrolment.newcomer, enrolment.supervisor, enrolment.mentor)
    for person in {p.pk: p for p in people if p is not None}.values():
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            if person.pk == enrolment.newcomer_id:
                title = _("Your onboarding programme: %(title)s") % {
                    "title": enrolment.programme.title
                }
            else:
                title = _("%(name)s starts the onboarding programme %(title)s") % {
                    "name": enrolment.newcomer.display_name,
                    "title": enrolment.programme.title,
                }
            notify_people(
                kind=ONBOARDING_ENROLLED,
                about=enrolment,
                people=[person],
                actor=actor,
                title=title,
                url=enrolment.get_absolute_url(),
            )


@transaction.atomic
def enrolment_create(
    *, programme: OnboardingProgramme, newcomer, start_date, supervisor=None, mentor=None, actor
) -> Enrolment:
    if not programme.published:
        raise ValidationError(_("Publish the programme before enrolling newcomers in it."))
    enrolment = Enrolment(
        programme=programme,
        newcomer=newcomer,
        start_date=start_date,
        supervisor=supervisor,
        mentor=mentor,
    )
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # enrolled at the same moment in another request
        raise ValidationError(
            {"newcomer": _("This person is already enrolled in this programme.")}
        ) from None
    audit_log(
        action=ENROLMENT_CREATED,
        actor=actor,
        target=enrolment,
        data={"programme": programme.pk, **_person_ids(enrolment)},
    )
    transaction.on_commit(lambda: _tell_enrolled(enrolment, actor))
    return enrolment


@transaction.atomic
def enrolment_update(*, enrolment: Enrolment, actor, **fields) -> Enrolment:
    # What is stored, not ``enrolment``'s attributes: a ModelForm's validation has already
    # written the new values on the instance it was given.
    stored = Enrolment.objects.get(pk=enrolment.pk)
    before = _person_ids(stored)
    enrolment, _changed = model_update(enrolment, data=fields, allowed=ENROLMENT_FIELDS)
    after = _person_ids(enrolment)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        audit_log(action=ENROLMENT_CHANGED, actor=actor, target=enrolment, data=changes)
    return enrolment


@transaction.atomic
def enrolment_delete(*, enrolment: Enrolment, actor) -> None:
    audit_log(
        action=ENROLMENT_DELETED,
        actor=actor,
        target=enrolment,
        data={"programme": enrolment.programme_id, **_person_ids(enrolment)},
    )
    enrolment.delete()


# --- Ticking tasks ------------------------------------------------------------------------------


def _check_task(enrolment: Enrolment, task: Task) -> None:
    if task.module.programme_id != enrolment.programme_id:
        raise ValidationError(_("The task is not in this programme."))


@transaction.atomic
def task_mark_done(*, enrolment: Enrolment, task: Task, actor) -> TaskCompletion:
    """Mark the task done; marking it again (a double click, another tab) changes nothing."""
    _check_task(enrolment, task)
    completion, _created = TaskCompletion.objects.get_or_create(
        enrolment=enrolment,
        task=task,
        defaults={"done_at": timezone.now(), "done_by": actor},
    )
    return completion


@transaction.atomic
def task_mark_undone(*, enrolment: Enrolment, task: Task, actor) -> bool:  # noqa: ARG001
    """Take the mark off; returns whether there was one."""
    _check_task(enrolment, task)
    deleted, _rows = TaskCompletion.objects.filter(enrolment=enrolment, task=task).delete()
    return bool(deleted)
