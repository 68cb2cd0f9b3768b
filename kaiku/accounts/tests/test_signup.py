from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.accounts.models import User
from kaiku.core.models import AuditAction, AuditEvent

from .factories import PASSWORD, InvitationFactory

pytestmark = pytest.mark.django_db
SIGNUP = "/fi/accounts/signup/"


def _signup(client, email):
    return client.post(SIGNUP, {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def test_signup_closed_without_invitations_or_domains(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    response = _signup(client, "someone@example.org")
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "account/signup_closed.html" in [t.name for t in response.templates]


def test_signup_refused_for_other_address(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["te-palvelut.fi"]
    InvitationFactory(email="invited@example.org")
    response = _signup(client, "stranger@example.org")
    assert response.status_code == 200
    assert _refused_message() in response.content.decode()
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_expired_or_accepted_invitation_does_not_open_signup(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["te-palvelut.fi"]
    InvitationFactory(
        email="late@example.org", expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    InvitationFactory(email="used@example.org", accepted_at=timezone.now())
    for email in ["late@example.org", "used@example.org"]:
        response = _signup(client, email)
        assert _refused_message() in response.content.decode()
    assert not User.objects.filter(email__in=["late@example.org", "used@example.org"]).exists()


def test_signup_with_allowed_domain(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["te-palvelut.fi"]
    response = _signup(client, "Uusi.Henkilo@TE-palvelut.fi")
    assert response.status_code == 302
    user = User.objects.get(email="uusi.henkilo@te-palvelut.fi")
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_CREATED, actor=user).exists()


def _refused_message() -> str:
    """The refusal as the Finnish page shows it (the tests request /fi/ URLs)."""
    from django.utils import translation
    from django.utils.html import escape

    from kaiku.accounts.adapters import SIGNUP_REFUSED_MESSAGE

    with translation.override("fi"):
        return escape(str(SIGNUP_REFUSED_MESSAGE))
