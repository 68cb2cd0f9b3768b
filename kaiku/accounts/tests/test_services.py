from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied

from kaiku.accounts import services
from kaiku.accounts.models import Invitation
from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY
from kaiku.core.models import AuditAction, AuditEvent

from .factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_role_grant_and_revoke_are_audited(user, administrator):
    services.role_grant(user=user, role="moderator", actor=administrator)
    services.role_grant(user=user, role="moderator", actor=administrator)  # idempotent
    assert user.has_role("moderator")
    granted = AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED, target_id=str(user.pk))
    assert granted.count() == 1
    assert granted.get().actor == administrator and granted.get().data == {"role": "moderator"}
    assert services.role_revoke(user=user, role="moderator", actor=administrator)
    assert not user.has_role("moderator")
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_REVOKED, actor=administrator)


def test_user_disable_ends_sessions(client, user, administrator):
    client.force_login(user)
    assert client.get("/fi/profile/").status_code == 200
    services.user_disable(user=user, actor=administrator)
    user.refresh_from_db()
    assert not user.is_active
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(user.pk) for s in Session.objects.all()
    )
    assert client.get("/fi/profile/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_DISABLED, actor=administrator)


def test_invitation_create_sends_email_in_invitees_language(
    administrator, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            email="Ny.Person@Example.org",
            actor=administrator,
            organisation=organisation,
            role="communications",
            language="sv",
        )
    assert invitation.email == "ny.person@example.org"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny.person@example.org"]
    assert "/sv/invitation/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_SENT, actor=administrator)


def test_profile_update_only_by_self_or_administrator(user, administrator):
    other = UserFactory()
    with pytest.raises(PermissionDenied):
        services.profile_update(user=user, actor=other, title="Hacked")
    services.profile_update(user=user, actor=administrator, title="Päällikkö")
    services.profile_update(user=user, actor=user, full_name="Uusi Nimi")
    user.refresh_from_db()
    assert (user.title, user.full_name) == ("Päällikkö", "Uusi Nimi")
    with pytest.raises(ValueError):
        services.profile_update(user=user, actor=user, is_superuser=True)


def test_rules(user, administrator):
    other = UserFactory()
    assert user.has_perm("accounts.view_person", other)
    assert user.has_perm("accounts.change_person", user)
    assert not user.has_perm("accounts.change_person", other)
    assert administrator.has_perm("accounts.change_person", other)
    assert not user.has_perm("accounts.manage_roles")
    assert administrator.has_perm("accounts.manage_roles")
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("accounts.view_person", other)


def test_predicates():
    from django.contrib.auth.models import AnonymousUser

    from kaiku.core import predicates

    person = UserFactory()
    RoleAssignmentFactory(user=person, role="change_coordinator")
    assert predicates.is_change_coordinator(person)
    assert predicates.has_role("change_coordinator")(person)
    assert not predicates.is_moderator(person)
    assert not predicates.is_administrator(person)
    assert predicates.is_administrator(UserFactory(is_superuser=True))
    for predicate in [predicates.is_authenticated, predicates.is_administrator]:
        assert not predicate(AnonymousUser())


def _user_relations():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                yield model._meta.label_lower, field.name


def test_every_model_with_personal_data_is_registered():
    missing = sorted({label for label, _ in _user_relations()} - set(PERSONAL_DATA_REGISTRY))
    assert not missing, (
        f"Models linked to people but not in PERSONAL_DATA_REGISTRY: {missing}. "
        "Register them in kaiku/accounts/personal_data.py (see its docstring)."
    )


def test_audit_event_cannot_be_changed_or_deleted():
    event = AuditEvent.objects.create(action=AuditAction.LOGIN)
    event.action = AuditAction.LOGOUT
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action=AuditAction.LOGOUT)


def test_demo_people_idempotent():
    from kaiku.accounts.demo import GENERATED_COUNT, KEY_PEOPLE, load_demo_people

    OrganisationFactory(name="Tampere", slug="tampere")
    first = load_demo_people()
    second = load_demo_people()
    assert [u.pk for u in first] == [u.pk for u in second]
    assert len(first) == len(KEY_PEOPLE) + GENERATED_COUNT
    admin = first[0]
    assert admin.is_superuser and admin.has_role("administrator")
    selina = next(u for u in first if u.full_name == "Selina Sassila")
    assert selina.has_role("communications") and selina.has_role("change_coordinator")
    liisa = next(u for u in first if u.full_name == "Liisa Lahtinen")
    assert liisa.organisation.slug == "tampere"
    assert admin.check_password("Kaiku-demo-2026!")
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED).count() == 4


def test_demo_logins_command(capsys):
    from django.core.management import call_command

    from kaiku.accounts.demo import load_demo_people

    load_demo_people()
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "admin@kaiku.example" in out and "Kaiku-demo-2026!" in out


def test_invitation_model_str():
    assert str(Invitation(email="a@example.org")) == "a@example.org"
