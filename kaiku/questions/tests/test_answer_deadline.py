"""A group's answer deadline: set through the service (and the admin, which uses it), it moves
the due dates of the group's open questions and is audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kaiku.core.models import AuditEvent

from .. import services
from ..models import AnswerDeadline, Question, QuestionStatus
from .factories import QuestionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rows(people, programme, group, other_group):
    """Questions of ``group`` in every status, and an open one of another group, asked ten days
    ago; the assigned one was assigned five days ago."""
    asked = timezone.now() - 10 * DAY
    assigned_at = asked + 5 * DAY

    def make(**fields):
        question = QuestionFactory(programme=programme, group=group, **fields)
        Question.all_objects.filter(pk=question.pk).update(created=asked, due_at=asked)
        question.refresh_from_db()
        return question

    return {
        "asked_to_group": make(status=QuestionStatus.NEW),
        "assigned": make(status=QuestionStatus.ASSIGNED, assigned_at=assigned_at),
        "answered": make(status=QuestionStatus.ANSWERED, assigned_at=assigned_at),
        "closed": make(status=QuestionStatus.CLOSED, assigned_at=assigned_at),
        "duplicate": make(status=QuestionStatus.DUPLICATE),
        "deleted": make(status=QuestionStatus.ASSIGNED, assigned_at=assigned_at, deleted_at=asked),
        "other_group": QuestionFactory(
            programme=programme, group=other_group, status=QuestionStatus.ASSIGNED
        ),
        "asked": asked,
        "assigned_at": assigned_at,
    }


def _due(question):
    return Question.all_objects.values_list("due_at", flat=True).get(pk=question.pk)


def test_setting_moves_the_due_dates_of_open_questions(people, group, rows):
    other_before = _due(rows["other_group"])
    deadline = services.answer_deadline_set(actor=people["moderator"], group=group, days=3)
    assert AnswerDeadline.objects.get(group=group).days == deadline.days == 3
    # From the assignment, or from asking when it was never assigned.
    assert _due(rows["assigned"]) == rows["assigned_at"] + 3 * DAY
    assert _due(rows["deleted"]) == rows["assigned_at"] + 3 * DAY
    assert _due(rows["asked_to_group"]) == rows["asked"] + 3 * DAY
    # Answered, closed and merged questions keep theirs; so do other groups' questions.
    for name in ("answered", "closed", "duplicate"):
        assert _due(rows[name]) == rows["asked"], name
    assert _due(rows["other_group"]) == other_before
    # The overdue list agrees: assigned five days ago with three days is overdue.
    assert services.due_at_for(rows["assigned"]) == _due(rows["assigned"])


def test_changing_and_removing(people, group, rows):
    services.answer_deadline_set(actor=people["moderator"], group=group, days=30)
    assert _due(rows["assigned"]) == rows["assigned_at"] + 30 * DAY
    services.answer_deadline_set(actor=people["moderator"], group=group, days=7)
    assert AnswerDeadline.objects.get(group=group).days == 7
    assert _due(rows["assigned"]) == rows["assigned_at"] + 7 * DAY
    services.answer_deadline_remove(actor=people["moderator"], group=group)
    assert not AnswerDeadline.objects.filter(group=group).exists()
    default = services.DEFAULT_DEADLINE_DAYS
    assert _due(rows["assigned"]) == rows["assigned_at"] + default * DAY


def test_it_is_audited(people, group, rows):
    services.answer_deadline_set(actor=people["moderator"], group=group, days=5)
    services.answer_deadline_set(actor=people["moderator"], group=group, days=5)  # unchanged
    services.answer_deadline_set(actor=people["admin"], group=group, days=9)
    services.answer_deadline_remove(actor=people["admin"], group=group)
    events = list(AuditEvent.objects.filter(action=services.ANSWER_DEADLINE_CHANGED).order_by("pk"))
    assert [(e.actor, e.data["before"], e.data["days"]) for e in events] == [
        (people["moderator"], None, 5),
        (people["admin"], 5, 9),
        (people["admin"], 9, None),
    ]
    assert {e.target_id for e in events} == {str(group.pk)}
    assert events[0].target_type == "programme.workinggroup"
    assert events[0].data["questions"] == 3  # asked to the group, assigned, deleted


@pytest.mark.parametrize("days", [0, -1, 366, 40000, None, "14", 14.0, True])
def test_bad_days_are_refused_and_nothing_changes(people, group, rows, days):
    AnswerDeadline.objects.create(group=group, days=20)
    with pytest.raises(ValidationError) as refused:
        services.answer_deadline_set(actor=people["moderator"], group=group, days=days)
    assert "days" in refused.value.message_dict
    # In the site's default language, Finnish.
    assert "väliltä 1–365" in " ".join(refused.value.message_dict["days"])
    assert AnswerDeadline.objects.get(group=group).days == 20
    assert _due(rows["assigned"]) == rows["asked"]
    assert not AuditEvent.objects.filter(action=services.ANSWER_DEADLINE_CHANGED).exists()


@pytest.mark.parametrize("days", [1, 365])
def test_the_limits_are_allowed(people, group, days):
    assert services.answer_deadline_set(actor=people["admin"], group=group, days=days).days == days


def test_assigning_after_a_change_uses_the_new_deadline(people, question, group):
    services.answer_deadline_set(actor=people["moderator"], group=group, days=2)
    services.question_assign(question=question, actor=people["moderator"], group=group)
    assert question.due_at - question.assigned_at == 2 * DAY


# --- The admin ----------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, people):
    admin = people["admin"]
    admin.is_staff = True
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client


def test_the_admin_goes_through_the_service(admin_client, people, group, rows):
    add = reverse("admin:questions_answerdeadline_add")
    response = admin_client.post(add, {"group": group.pk, "days": 4})
    assert response.status_code == 302
    row = AnswerDeadline.objects.get(group=group)
    assert row.days == 4
    assert _due(rows["assigned"]) == rows["assigned_at"] + 4 * DAY
    event = AuditEvent.objects.get(action=services.ANSWER_DEADLINE_CHANGED)
    assert event.actor == people["admin"]

    change = reverse("admin:questions_answerdeadline_change", args=[row.pk])
    assert admin_client.get(change).status_code == 200
    response = admin_client.post(change, {"days": 6})
    assert response.status_code == 302
    assert AnswerDeadline.objects.get(group=group).days == 6
    assert _due(rows["assigned"]) == rows["assigned_at"] + 6 * DAY

    delete = reverse("admin:questions_answerdeadline_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not AnswerDeadline.objects.exists()
    assert _due(rows["assigned"]) == rows["assigned_at"] + services.DEFAULT_DEADLINE_DAYS * DAY
    assert AuditEvent.objects.filter(action=services.ANSWER_DEADLINE_CHANGED).count() == 3


@pytest.mark.parametrize("days", ["0", "366", "abc", "99999999999999999999"])
def test_the_admin_refuses_bad_days(admin_client, group, rows, days):
    response = admin_client.post(
        reverse("admin:questions_answerdeadline_add"), {"group": group.pk, "days": days}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not AnswerDeadline.objects.exists()
    assert _due(rows["assigned"]) == rows["asked"]


def test_the_admin_bulk_delete_goes_through_the_service(admin_client, group, other_group, rows):
    AnswerDeadline.objects.create(group=group, days=3)
    AnswerDeadline.objects.create(group=other_group, days=3)
    response = admin_client.post(
        reverse("admin:questions_answerdeadline_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(AnswerDeadline.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not AnswerDeadline.objects.exists()
    assert _due(rows["assigned"]) == rows["assigned_at"] + services.DEFAULT_DEADLINE_DAYS * DAY
    assert AuditEvent.objects.filter(action=services.ANSWER_DEADLINE_CHANGED).count() == 2
