from __future__ import annotations

from types import SimpleNamespace

import pytest

from kaiku.accounts.adapters import SocialAccountAdapter

from .factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _sociallogin(email, verified=True):
    return SimpleNamespace(
        email_addresses=[SimpleNamespace(email=email, verified=verified)],
        user=SimpleNamespace(email=email),
        is_existing=False,
    )


def test_sso_signup_follows_policy(rf, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["keha-keskus.fi"]
    adapter = SocialAccountAdapter(rf.get("/"))
    request = rf.get("/")
    assert adapter.is_open_for_signup(request, _sociallogin("a@keha-keskus.fi"))
    assert adapter.is_auto_signup_allowed(request, _sociallogin("a@keha-keskus.fi"))
    assert not adapter.is_auto_signup_allowed(
        request, _sociallogin("a@keha-keskus.fi", verified=False)
    )
    assert not adapter.is_open_for_signup(request, _sociallogin("a@gmail.example"))


def test_sso_signup_by_invitation_needs_the_link(rf, settings):
    from django.contrib.sessions.backends.db import SessionStore

    from kaiku.accounts.services import INVITATION_SESSION_KEY

    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    invitation = InvitationFactory(email="kutsu@gmail.example", role="administrator")
    request = rf.get("/")
    request.session = SessionStore()
    adapter = SocialAccountAdapter(request)
    # Knowing the invited address is not enough.
    assert not adapter.is_open_for_signup(request, _sociallogin("kutsu@gmail.example"))
    assert not adapter.is_auto_signup_allowed(request, _sociallogin("kutsu@gmail.example"))
    request.session[INVITATION_SESSION_KEY] = invitation.pk
    assert adapter.is_open_for_signup(request, _sociallogin("kutsu@gmail.example"))
    assert adapter.is_auto_signup_allowed(request, _sociallogin("kutsu@gmail.example"))
    assert not adapter.is_open_for_signup(request, _sociallogin("muu@gmail.example"))


def test_sso_connects_existing_account_by_verified_email(rf):
    user = UserFactory(email="olemassa@example.org")
    connected = []
    login = _sociallogin("Olemassa@example.org")
    login.connect = lambda request, person: connected.append(person)
    SocialAccountAdapter(rf.get("/")).pre_social_login(rf.get("/"), login)
    assert connected == [user]
    unverified = _sociallogin("olemassa@example.org", verified=False)
    unverified.connect = lambda request, person: connected.append(person)
    SocialAccountAdapter(rf.get("/")).pre_social_login(rf.get("/"), unverified)
    assert connected == [user]
