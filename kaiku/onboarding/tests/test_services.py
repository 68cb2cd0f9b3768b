from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kaiku.core.models import AuditEvent
from kaiku.notifications.models import Notification

from .. import selectors, services
from ..models import Enrolment, TaskCompletion
from .factories import ProgrammeFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_due_dates_count_from_the_start_date_and_overdue_is_what_is_due_and_not_done(
    enrolment, tasks
):
    start = enrolment.start_date
    checklist = selectors.checklist_of(enrolment)
    due = {row.task.title_fi: row.due_date for row in checklist.rows}
    assert due["Tunnukset valmiiksi"] == start - datetime.timedelta(days=3)
    assert due["Asiakastietojärjestelmä"] == start + datetime.timedelta(days=7)
    assert [m.module.title_fi for m in checklist.modules] == [
        "Ensimmäinen viikko",
        "Palvelut ja järjestelmät",
    ]
    assert (checklist.total, checklist.done, checklist.overdue, checklist.percent) == (4, 0, 3, 0)

    services.task_mark_done(
        enrolment=enrolment, task=tasks["Lue henkilöstöopas"], actor=enrolment.newcomer
    )
    checklist = selectors.checklist_of(enrolment)
    assert (checklist.done, checklist.overdue, checklist.percent) == (1, 2, 25)
    assert checklist.overdue_for(enrolment.supervisor_id) == 1
    assert checklist.overdue_for(enrolment.mentor_id) == 1
    assert checklist.overdue_for(enrolment.newcomer_id) == 0


def test_marking_done_twice_keeps_one_mark_and_undoing_removes_it(enrolment, tasks):
    task = tasks["Lue henkilöstöopas"]
    first = services.task_mark_done(enrolment=enrolment, task=task, actor=enrolment.newcomer)
    again = services.task_mark_done(enrolment=enrolment, task=task, actor=enrolment.mentor)
    assert first.pk == again.pk and again.done_by == enrolment.newcomer
    assert services.task_mark_undone(enrolment=enrolment, task=task, actor=enrolment.newcomer)
    assert not services.task_mark_undone(enrolment=enrolment, task=task, actor=enrolment.newcomer)
    assert not TaskCompletion.objects.exists()


def test_a_task_of_another_programme_is_refused(enrolment):
    stranger = TaskFactory()
    with pytest.raises(ValidationError):
        services.task_mark_done(enrolment=enrolment, task=stranger, actor=enrolment.newcomer)
    assert not TaskCompletion.objects.exists()


def test_enrolling_audits_and_notifies_the_three_people(
    people, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_create(
            programme=programme,
            newcomer=people["newcomer"],
            start_date=timezone.localdate(),
            supervisor=people["supervisor"],
            mentor=people["mentor"],
            actor=people["coordinator"],
        )
    event = AuditEvent.objects.get(action=services.ENROLMENT_CREATED)
    assert event.target_id == str(enrolment.pk) and event.actor == people["coordinator"]
    assert event.data["newcomer"] == people["newcomer"].pk
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {people["newcomer"].pk, people["supervisor"].pk, people["mentor"].pk}


def test_enrolling_twice_or_into_a_draft_or_as_ones_own_mentor_is_refused(people, programme):
    services.enrolment_create(
        programme=programme,
        newcomer=people["newcomer"],
        start_date=timezone.localdate(),
        actor=people["coordinator"],
    )
    with pytest.raises(ValidationError):
        services.enrolment_create(
            programme=programme,
            newcomer=people["newcomer"],
            start_date=timezone.localdate(),
            actor=people["coordinator"],
        )
    with pytest.raises(ValidationError):
        services.enrolment_create(
            programme=ProgrammeFactory(published=False),
            newcomer=people["newcomer"],
            start_date=timezone.localdate(),
            actor=people["coordinator"],
        )
    with pytest.raises(ValidationError) as refused:
        services.enrolment_create(
            programme=programme,
            newcomer=people["other_newcomer"],
            start_date=timezone.localdate(),
            mentor=people["other_newcomer"],
            actor=people["coordinator"],
        )
    assert "mentor" in refused.value.error_dict
    assert Enrolment.objects.count() == 1


def test_changing_an_enrolment_audits_what_changed(people, enrolment):
    services.enrolment_update(
        enrolment=enrolment, actor=people["coordinator"], mentor=people["other_newcomer"]
    )
    event = AuditEvent.objects.get(action=services.ENROLMENT_CHANGED)
    assert event.data == {"mentor": [people["mentor"].pk, people["other_newcomer"].pk]}
    services.enrolment_update(
        enrolment=enrolment, actor=people["coordinator"], mentor=people["other_newcomer"]
    )
    assert AuditEvent.objects.filter(action=services.ENROLMENT_CHANGED).count() == 1
    services.enrolment_delete(enrolment=enrolment, actor=people["coordinator"])
    assert AuditEvent.objects.filter(action=services.ENROLMENT_DELETED).count() == 1
    assert not Enrolment.objects.exists()


def test_a_task_is_moved_only_within_its_programme(people, programme, tasks):
    task = tasks["Lue henkilöstöopas"]
    with pytest.raises(ValidationError):
        services.task_update(task=task, actor=people["coordinator"], module=TaskFactory().module)
    task.refresh_from_db()
    assert task.module.programme == programme


def test_the_visibility_of_an_enrolment_is_its_people_and_the_coordinators(
    people, enrolment, other_enrolment
):
    def seen(person):
        return set(Enrolment.objects.visible_to(person).values_list("pk", flat=True))

    for name in ("newcomer", "supervisor", "mentor"):
        assert seen(people[name]) == {enrolment.pk}, name
    assert seen(people["coordinator"]) == {enrolment.pk, other_enrolment.pk}
    assert seen(people["admin"]) == {enrolment.pk, other_enrolment.pk}
    assert seen(people["staff"]) == set()
    assert seen(None) == set()
