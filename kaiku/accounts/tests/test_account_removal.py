from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.utils import translation

from kaiku.accounts.models import ApiToken, User
from kaiku.accounts.services import token_create
from kaiku.core.models import AuditAction, AuditEvent

from .factories import PASSWORD, OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
REMOVE = "/fi/profile/remove/"


def test_wrong_password_removes_nothing(client, user):
    client.force_login(user)
    assert client.get(REMOVE).status_code == 200
    response = client.post(REMOVE, {"password": "not-my-password"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active and user.removed_at is None


def test_removal_anonymises_and_keeps_audit(client, totp):
    user = UserFactory(
        email="poistuva@example.org", organisation=OrganisationFactory(), languages=["fi"]
    )
    token_create(user=user, actor=user)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    totp(user)
    RoleAssignmentFactory(user=user, role="communications")
    client.force_login(user)  # sends user_logged_in, so a LOGIN event is audited
    login_events = AuditEvent.objects.filter(actor=user, action=AuditAction.LOGIN).count()
    assert login_events == 1

    response = client.post(REMOVE, {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/fi/"
    user.refresh_from_db()
    assert user.email == f"removed-{user.pk}@invalid.kaiku"
    assert (user.full_name, user.title, user.expertise, user.languages) == ("", "", "", [])
    assert user.organisation is None and not user.is_active and user.removed_at
    assert not user.has_usable_password()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not user.role_assignments.exists()
    assert "_auth_user_id" not in client.session
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(user.pk) for s in Session.objects.all()
    )
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.LOGIN).count() == login_events
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_REMOVED).exists()
    with translation.override("en"):
        assert str(user) == "Removed user"
    with translation.override("fi"):
        assert str(user) == "Poistettu käyttäjä"
    assert client.get(user.get_absolute_url()).status_code == 302  # logged out


def test_sso_user_confirms_with_email(client):
    user = UserFactory(email="sso@example.org")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert client.post(REMOVE, {"email": "wrong@example.org"}).status_code == 200
    assert User.objects.get(pk=user.pk).is_active
    assert client.post(REMOVE, {"email": "SSO@example.org"}).status_code == 302
    assert User.objects.get(pk=user.pk).removed_at is not None


def test_removed_person_page_is_404(client, user):
    from kaiku.accounts.services import account_remove

    other = UserFactory()
    account_remove(user=other)
    client.force_login(user)
    assert client.get(other.get_absolute_url()).status_code == 404


def test_removal_through_the_page_leaves_no_label_with_the_email(client):
    from axes.models import AccessLog

    user = UserFactory(email="itse@example.org", full_name="Iida Itse")
    client.post("/fi/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert AccessLog.objects.filter(username=user.email).exists()

    assert client.post(REMOVE, {"password": PASSWORD}).status_code == 302

    # The logout that removal performs is in the trail too, under the pseudonym.
    labels = set(AuditEvent.objects.values_list("actor_label", flat=True))
    labels |= set(AuditEvent.objects.values_list("target_label", flat=True))
    assert labels <= {"", f"removed-user-{user.pk}"}
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT).exists()
    assert not AccessLog.objects.filter(username__iexact="itse@example.org").exists()


def test_wrong_passwords_are_limited(client, user):
    from django.utils.html import escape

    client.force_login(user)
    for _attempt in range(5):
        response = client.post(REMOVE, {"password": "guess-again"})
        assert response.status_code == 200
    # The sixth try is refused even with the right password: no more guessing.
    response = client.post(REMOVE, {"password": PASSWORD})
    assert response.status_code == 429
    from kaiku.accounts.services import ACCOUNT_REMOVE_LOCKED_MESSAGE

    with translation.override("fi"):
        assert escape(str(ACCOUNT_REMOVE_LOCKED_MESSAGE)) in response.content.decode()
    user.refresh_from_db()
    assert user.is_active and user.removed_at is None
    event = AuditEvent.objects.filter(action=AuditAction.LOCKOUT, target_id=str(user.pk)).get()
    assert event.actor == user and event.data == {"form": "account_remove"}


def test_limit_counts_wrong_tries_only_and_passes(client, user, settings):
    from django.core.cache import cache

    client.force_login(user)
    for _attempt in range(4):
        client.post(REMOVE, {"password": "guess-again"})
    cache.clear()  # the window (15 minutes) has passed
    for _attempt in range(4):
        client.post(REMOVE, {"password": "guess-again"})
    assert client.post(REMOVE, {"password": PASSWORD}).status_code == 302
    assert User.objects.get(pk=user.pk).removed_at is not None
