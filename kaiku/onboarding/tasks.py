"""Reminders of overdue onboarding tasks (django-tasks), run daily from cron
(``manage.py send_onboarding_reminders``).

A task is overdue when its due date (the start date plus its offset) has passed and it is not
done. The person responsible for it (the newcomer, the supervisor or the mentor) is told once
per task: a ``TaskReminder`` row claims each overdue task of an enrolment (unique per
enrolment and task, so a second run, or two at once, tells nobody twice). A person gets one
notification per enrolment listing the tasks newly overdue, written in their own language.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from .models import OFFSET_MAX, Enrolment, Task, TaskCompletion, TaskReminder
from .notifications import ONBOARDING_OVERDUE
from .selectors import today

CONTEXT_MAX = 300


def _overdue_pairs(on: datetime.date) -> dict[int, list[Task]]:
    """The overdue tasks not yet reminded, by enrolment: four queries. Enrolments that started
    more than a year and a month ago cannot have a task falling due any more, and are left out
    (their earlier overdue tasks were reminded when they fell due)."""
    earliest = on - datetime.timedelta(days=OFFSET_MAX + 31)
    enrolments = list(
        Enrolment.objects.filter(
            start_date__gte=earliest, start_date__lte=on + datetime.timedelta(days=31)
        )
        .order_by()
        .values_list("pk", "programme_id", "start_date")
    )
    if not enrolments:
        return {}
    ids = [pk for pk, _p, _s in enrolments]
    tasks_by_programme: dict[int, list[Task]] = {}
    for t in Task.objects.filter(
        module__programme_id__in={p for _pk, p, _s in enrolments}
    ).select_related("module"):
        tasks_by_programme.setdefault(t.module.programme_id, []).append(t)
    handled = set(
        TaskCompletion.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", "task_id")
    ) | set(
        TaskReminder.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", "task_id")
    )
    due: dict[int, list[Task]] = {}
    for pk, programme_id, start in enrolments:
        for t in tasks_by_programme.get(programme_id, []):
            if t.due_date(start) < on and (pk, t.pk) not in handled:
                due.setdefault(pk, []).append(t)
    return due


def _claim(enrolment_id: int, tasks: list[Task]) -> list[Task]:
    """Record the reminders; the tasks another run has claimed meanwhile are left out."""
    claimed = []
    for t in tasks:
        try:
            with transaction.atomic():
                TaskReminder.objects.create(enrolment_id=enrolment_id, task=t)
        except IntegrityError:
            continue
        claimed.append(t)
    return claimed


def _tell(enrolment: Enrolment, person, tasks: list[Task]) -> int:
    from kaiku.notifications.services import notify_people

    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        titles = [
            t.title for t in sorted(tasks, key=lambda t: (t.due_date(enrolment.start_date), t.pk))
        ]
        values = {"task": titles[0], "count": len(titles), "name": enrolment.newcomer.display_name}
        # One task is named; several are counted (each its own message for the translators).
        if person.pk == enrolment.newcomer_id and len(titles) == 1:
            title = _("Overdue onboarding task: %(task)s") % values
        elif person.pk == enrolment.newcomer_id:
            title = (
                ngettext(
                    "%(count)d overdue onboarding task",
                    "%(count)d overdue onboarding tasks",
                    len(titles),
                )
                % values
            )
        elif len(titles) == 1:
            title = _("Overdue onboarding task for %(name)s: %(task)s") % values
        else:
            title = (
                ngettext(
                    "%(count)d overdue onboarding task for %(name)s",
                    "%(count)d overdue onboarding tasks for %(name)s",
                    len(titles),
                )
                % values
            )
        context = "; ".join(titles)
        if len(context) > CONTEXT_MAX:
            context = context[: CONTEXT_MAX - 1] + "…"
        return len(
            notify_people(
                kind=ONBOARDING_OVERDUE,
                about=enrolment,
                people=[person],
                title=title,
                context=context or _("Onboarding"),
                url=enrolment.get_absolute_url(),
            )
        )


def remind_overdue(*, on: datetime.date | None = None) -> int:
    """Tell the people responsible for overdue tasks, once per task; returns how many
    notifications were made."""
    on = on or today()
    due = _overdue_pairs(on)
    if not due:
        return 0
    enrolments = Enrolment.objects.select_related(
        "newcomer", "supervisor", "mentor", "programme"
    ).in_bulk(list(due))
    sent = 0
    for enrolment_id, tasks in due.items():
        enrolment = enrolments.get(enrolment_id)
        if enrolment is None:
            continue
        with transaction.atomic():
            claimed = _claim(enrolment_id, tasks)
            by_person: dict[int, tuple[object, list[Task]]] = {}
            for t in claimed:
                person = enrolment.person_for(t.responsible)
                if person is None or not person.is_active:
                    continue  # nobody named: the reminder is still recorded, not sent later
                by_person.setdefault(person.pk, (person, []))[1].append(t)
            for person, person_tasks in by_person.values():
                sent += _tell(enrolment, person, person_tasks)
    return sent


@task()
def send_onboarding_reminders() -> int:
    return remind_overdue()
