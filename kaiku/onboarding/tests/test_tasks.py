"""Reminders of overdue tasks: the person responsible is told once per task, in their own
language; a task done or not yet due is not reminded."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from kaiku.notifications.models import Notification

from .. import services
from ..models import TaskReminder
from ..notifications import ONBOARDING_OVERDUE
from ..tasks import remind_overdue

pytestmark = pytest.mark.django_db


def _told(person):
    return list(Notification.objects.filter(user=person, kind=ONBOARDING_OVERDUE))


def test_each_overdue_task_is_reminded_once_to_the_person_responsible(people, enrolment, tasks):
    services.task_mark_done(
        enrolment=enrolment, task=tasks["Esittäytyminen tiimille"], actor=people["mentor"]
    )
    assert remind_overdue() == 2
    (newcomer_note,) = _told(people["newcomer"])
    assert newcomer_note.title == "Overdue onboarding task: Lue henkilöstöopas"
    assert newcomer_note.url.endswith(enrolment.get_absolute_url().split("/", 2)[2])
    (supervisor_note,) = _told(people["supervisor"])
    # In the supervisor's own language (Swedish): the task's Swedish title.
    assert "Användarnamn klara" in supervisor_note.title
    assert supervisor_note.url.startswith("/sv/")
    assert _told(people["mentor"]) == []  # their task is done
    # Not every day again.
    assert remind_overdue() == 0
    later = enrolment.start_date + datetime.timedelta(days=30)
    assert remind_overdue(on=later) == 1  # the systems task has fallen due since
    assert len(_told(people["newcomer"])) == 2
    assert remind_overdue(on=later) == 0
    assert TaskReminder.objects.count() == 3


def test_several_tasks_falling_due_together_make_one_notification(people, enrolment):
    later = enrolment.start_date + datetime.timedelta(days=30)
    assert remind_overdue(on=later) == 3  # newcomer (two tasks), supervisor, mentor
    (note,) = _told(people["newcomer"])
    assert note.title == "2 overdue onboarding tasks"
    assert note.context == "Lue henkilöstöopas; Asiakastietojärjestelmä"


def test_nothing_is_due_before_the_dates_and_nobody_named_gets_nothing(people, programme):
    from .factories import EnrolmentFactory

    enrolment = EnrolmentFactory(programme=programme, newcomer=people["other_newcomer"])
    assert remind_overdue(on=enrolment.start_date - datetime.timedelta(days=4)) == 0
    # The supervisor's task is due three days before the start, but nobody is named for it.
    assert remind_overdue(on=enrolment.start_date) == 0
    assert remind_overdue(on=enrolment.start_date + datetime.timedelta(days=1)) == 1
    assert Notification.objects.filter(kind=ONBOARDING_OVERDUE).count() == 1


def test_the_command_sends_them(people, enrolment, capsys):
    call_command("send_onboarding_reminders")
    assert "Sent 3 onboarding reminder notifications." in capsys.readouterr().out
    call_command("send_onboarding_reminders", "--enqueue")
    assert "Queued" in capsys.readouterr().out
    assert Notification.objects.filter(kind=ONBOARDING_OVERDUE).count() == 3
