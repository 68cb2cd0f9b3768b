"""The personal-data registry: every table that names a person is covered, the export holds
only the person's own data, and account removal leaves none of it behind (GDPR art. 15-17)."""

from __future__ import annotations

import json
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils import translation

from kaiku.accounts import services
from kaiku.accounts.models import Invitation
from kaiku.accounts.personal_data import NOT_PERSONAL, PERSONAL_DATA_REGISTRY
from kaiku.core.models import AuditAction, AuditEvent
from kaiku.site.models import AccessibilityFeedback

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/fi/accounts/login/"
IDENTIFYING_NAME = re.compile(r"email|username|label")


# --- The registry covers every table ----------------------------------------------------


def _identifying_columns():
    """Columns that may hold who a person is: email fields, and text columns named like an
    email address, a user name or a label, in every installed app (third-party ones too)."""
    for model in apps.get_models():
        # Unmanaged models are views of managed tables (search's SQLite FTS5 table, which
        # does not exist on PostgreSQL, indexes the stems of search entries checked here).
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.EmailField) or (
                isinstance(field, models.CharField) and IDENTIFYING_NAME.search(field.name)
            ):
                yield model._meta.label_lower, field.name


def _covered_columns() -> set[tuple[str, str]]:
    covered = set()
    for entry in PERSONAL_DATA_REGISTRY.values():
        covered |= {(entry.model, name) for name in entry.fields}
    return covered


def test_every_column_naming_a_person_is_registered_or_declared_not_personal():
    declared = {(model, name) for model, names in NOT_PERSONAL.items() for name in names}
    missing = sorted(set(_identifying_columns()) - _covered_columns() - declared)
    assert not missing, (
        f"Columns that may name a person but are not in PERSONAL_DATA_REGISTRY: {missing}. "
        "Register them (register(..., fields=[...])) or declare them with not_personal() and "
        "a reason, in kaiku/accounts/personal_data.py (see its docstring)."
    )


def test_declarations_name_real_columns_and_give_a_reason():
    for model_label, names in NOT_PERSONAL.items():
        model = apps.get_model(model_label)
        for name, reason in names.items():
            model._meta.get_field(name)
            assert len(reason) > 10, (model_label, name)
    for entry in PERSONAL_DATA_REGISTRY.values():
        model = apps.get_model(entry.model)
        for name in entry.fields:
            model._meta.get_field(name)


def test_axes_tables_are_covered():
    covered = _covered_columns()
    for model in ["axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"]:
        assert (model, "username") in covered


# --- A person who used the service, then removes their account ---------------------------


@pytest.fixture
def history(client, administrator, settings):
    """A person with a login history, a failed login, invitations, feedback and roles."""
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    person = UserFactory(email="poistuva@example.org", full_name="Pirjo Poistuva")
    invitation = services.invitation_create(email=person.email, actor=administrator)
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    client.logout()
    # After the successful login: a success would reset the attempt (AXES_RESET_ON_SUCCESS).
    client.post(LOGIN, {"login": person.email, "password": "wrong-password-1"})
    services.role_grant(user=person, role="moderator", actor=administrator)
    AccessFailureLog.objects.get_or_create(
        username=person.email, ip_address="192.0.2.7", user_agent="Testiselain/1.0"
    )
    AccessibilityFeedback.objects.create(
        name="Pirjo Poistuva", email="Poistuva@Example.org", message="Kontrasti on heikko."
    )
    AccessibilityFeedback.objects.create(name="Joku muu", message="Hyvä sivusto.")
    LogEntry.objects.create(
        user=administrator,
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message="[]",
    )
    return {"person": person, "invitation": invitation, "admin": administrator}


def _rows_mentioning(text: str) -> list[str]:
    """Every row of every table with ``text`` in a text or JSON column (case-insensitive)."""
    found = []
    for model in apps.get_models():
        # Unmanaged models are views of managed tables (search's SQLite FTS5 table, which
        # does not exist on PostgreSQL, indexes the stems of search entries checked here).
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            manager = model._base_manager
            if isinstance(field, (models.CharField, models.TextField)):
                rows = manager.filter(**{f"{field.name}__icontains": text})
            elif isinstance(field, models.JSONField):
                rows = manager.annotate(_as_text=Cast(field.name, models.TextField())).filter(
                    _as_text__icontains=text
                )
            else:
                continue
            if rows.exists():
                found.append(f"{model._meta.label_lower}.{field.name}")
    return found


def test_the_history_is_really_recorded(history):
    person = history["person"]
    # The fixture must reach every table the removal test checks, or that test proves nothing.
    assert AccessAttempt.objects.filter(username=person.email).exists()
    assert AccessLog.objects.filter(username=person.email).exists()
    assert AccessFailureLog.objects.filter(username=person.email).exists()
    assert Invitation.objects.filter(email=person.email).exists()
    assert AuditEvent.objects.filter(actor_label=person.email).exists()
    assert AuditEvent.objects.filter(data__identifier=person.email).exists()
    assert AuditEvent.objects.filter(target_label="Pirjo Poistuva").exists()
    assert set(_rows_mentioning(person.email)) >= {
        "axes.accessattempt.username",
        "site.accessibilityfeedback.email",
        "accounts.invitation.email",
        "core.auditevent.actor_label",
    }


def test_removal_leaves_no_email_or_name_behind(history):
    person = history["person"]
    email, name = person.email, person.full_name

    services.account_remove(user=person)

    assert _rows_mentioning(email) == []
    assert _rows_mentioning(name) == []
    assert _rows_mentioning("192.0.2.7") == []  # the failure log's address went with it
    assert AccessibilityFeedback.objects.filter(name="Joku muu").exists()  # others stay


def test_removal_keeps_the_audit_trail_under_a_pseudonym(history):
    person, admin = history["person"], history["admin"]
    pseudonym = f"removed-user-{person.pk}"
    events_before = AuditEvent.objects.count()

    services.account_remove(user=person)

    # Nothing is deleted: one more event (the removal itself), under the pseudonym.
    assert AuditEvent.objects.count() == events_before + 1
    failed = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (failed.actor_label, failed.data) == (pseudonym, {"identifier": pseudonym})
    assert AuditEvent.objects.get(action=AuditAction.LOGIN).actor_label == pseudonym
    granted = AuditEvent.objects.get(action=AuditAction.ROLE_GRANTED, target_id=str(person.pk))
    assert (granted.actor, granted.actor_label) == (admin, admin.email)  # others are kept
    assert granted.target_label == pseudonym
    invited = AuditEvent.objects.get(action=AuditAction.INVITATION_SENT)
    assert invited.target_label == pseudonym
    assert AuditEvent.objects.get(action=AuditAction.ACCOUNT_REMOVED).actor_label == pseudonym


def test_the_audit_log_is_still_append_only():
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(actor_label="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


# --- The export --------------------------------------------------------------------------


def test_export_contains_the_persons_own_traces(history):
    person = history["person"]
    data = services.personal_data_export(user=person)
    assert data["invitations"]["received"][0]["role"] == ""
    assert {a["ip_address"] for a in data["login_attempts"]} == {"127.0.0.1"}
    assert data["login_log"] and data["login_failures"]
    assert data["accessibility_feedback"] == [
        {
            "name": "Pirjo Poistuva",
            "email": "Poistuva@Example.org",
            "page": "",
            "message": "Kontrasti on heikko.",
            "sent": data["accessibility_feedback"][0]["sent"],
        }
    ]
    actions = {e["action"] for e in data["audit_events"]}
    assert {"login", "login_failed", "role_granted", "invitation_sent"} <= actions
    # Another person did it: their identity is not the person's data.
    dumped = json.dumps(data, ensure_ascii=False)
    assert history["admin"].email not in dumped
    assert str(history["admin"]) not in dumped
    # No secrets from the login tables either.
    assert PASSWORD not in dumped and "wrong-password-1" not in dumped


def test_an_administrators_export_does_not_list_other_people(history):
    admin, person = history["admin"], history["person"]
    services.invitation_create(email="kutsuttu@example.org", actor=admin)
    with translation.override("en"):
        data = services.personal_data_export(user=admin)
    dumped = json.dumps(data, ensure_ascii=False)
    for other in [person.email, person.full_name, "kutsuttu@example.org"]:
        assert other not in dumped
    granted = next(e for e in data["audit_events"] if e["action"] == "role_granted")
    assert granted["target"] == "another person"
    assert len(data["invitations"]["sent"]) == 2
    assert data["invitations"]["sent"][0].keys() >= {"role", "created", "accepted"}
    assert data["profile"]["email"] == admin.email  # their own data stays


def test_export_keeps_own_targets_readable(user):
    services.token_create(user=user, actor=user)
    with translation.override("en"):
        data = services.personal_data_export(user=user)
    event = next(e for e in data["audit_events"] if e["action"] == "token_created")
    assert event["target"] == str(user) and event["actor"] == "you"
