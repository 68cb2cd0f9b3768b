"""Invitations: a single-use secret link, and the role only after the address is verified."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.test import Client
from django.utils import timezone

from kaiku.accounts import services
from kaiku.accounts.models import Invitation, User
from kaiku.core.models import AuditAction, AuditEvent

from .factories import PASSWORD, InvitationFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
SIGNUP = "/fi/accounts/signup/"
LINK = re.compile(r"https?://[^\s]+/invitation/[A-Za-z0-9_-]+/")


def _signup(client, email):
    return client.post(SIGNUP, {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def _invite(email, role="administrator", organisation=None, **kwargs):
    """An invitation and its secret link, as the invitation email carries it."""
    invitation = InvitationFactory(email=email, role=role, organisation=organisation, **kwargs)
    token = services.invitation_token_issue(invitation=invitation)
    return invitation, f"/fi/invitation/{token}/"


def _verify(client, user):
    address = EmailAddress.objects.get(user=user, email__iexact=user.email)
    key = EmailConfirmationHMAC(address).key
    response = client.post(f"/fi/accounts/confirm-email/{key}/")
    assert response.status_code == 302, response
    address.refresh_from_db()
    assert address.verified


def _form_errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_invited_address_without_the_link_is_refused_like_any_other(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["te-palvelut.fi"]
    InvitationFactory(email="paallikko@example.org", role="administrator")

    invited = _signup(client, "paallikko@example.org")
    uninvited = _signup(Client(), "tuntematon@example.org")

    assert invited.status_code == uninvited.status_code == 200
    assert _form_errors(invited) == _form_errors(uninvited)
    assert _form_errors(invited)["email"]
    assert not User.objects.filter(email="paallikko@example.org").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED).exists()


def test_open_invitations_do_not_open_the_signup_page(client, settings):
    # Whether the page is open must not tell that invitations exist.
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    InvitationFactory(email="paallikko@example.org", role="administrator")
    response = _signup(client, "paallikko@example.org")
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not User.objects.filter(email="paallikko@example.org").exists()


def test_invitation_email_carries_a_single_use_link(
    administrator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            email="uusi@example.org", actor=administrator, role="moderator", language="sv"
        )
    link = LINK.search(mailoutbox[0].body).group(0)
    assert "/sv/invitation/" in link
    token = link.rstrip("/").rsplit("/", 1)[-1]
    invitation.refresh_from_db()
    # Only a hash of the secret is stored.
    assert invitation.token_hash and token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_signup_through_the_link_grants_the_role_only_after_verification(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    organisation = OrganisationFactory()
    invitation, link = _invite("kutsuttu@example.org", role="moderator", organisation=organisation)

    landing = client.get(link)
    assert landing.status_code == 302
    assert landing["Location"].startswith(SIGNUP)
    assert "email=kutsuttu%40example.org" in landing["Location"]
    response = _signup(client, "Kutsuttu@example.org")
    assert response.status_code == 302

    user = User.objects.get(email="kutsuttu@example.org")
    invitation.refresh_from_db()
    assert invitation.used_by == user and invitation.used_at is not None
    assert invitation.accepted_at is None
    assert not user.has_role("moderator")

    _verify(client, user)

    user = User.objects.get(pk=user.pk)
    invitation.refresh_from_db()
    assert user.has_role("moderator")
    assert user.organisation == organisation
    assert invitation.accepted_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED, target_id=str(user.pk))


def test_link_used_twice_is_refused(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    _invitation, link = _invite("kerran@example.org")
    client.get(link)
    assert _signup(client, "kerran@example.org").status_code == 302

    other = Client()
    again = other.get(link)
    assert again.status_code == 404
    assert "kaiku_invitation" not in other.session
    response = _signup(other, "kerran@example.org")
    assert response.status_code == 200
    assert User.objects.filter(email="kerran@example.org").count() == 1


def test_link_works_only_for_the_invited_address(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["te-palvelut.fi"]
    invitation, link = _invite("oikea@example.org")
    client.get(link)
    response = _signup(client, "vaara@example.org")
    assert response.status_code == 200
    assert _form_errors(response) == _form_errors(_signup(Client(), "vaara@example.org"))
    assert not User.objects.filter(email="vaara@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_expired_link_is_refused(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    _invitation, link = _invite(
        "myohassa@example.org", expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(link).status_code == 404
    _signup(client, "myohassa@example.org")
    assert not User.objects.filter(email="myohassa@example.org").exists()


def test_unknown_link_is_refused(client):
    assert client.get("/fi/invitation/not-a-real-token/").status_code == 404


def test_sending_again_replaces_the_link(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    invitation, old_link = _invite("uudelleen@example.org")
    new_token = services.invitation_token_issue(invitation=invitation)
    assert client.get(old_link).status_code == 404
    assert client.get(f"/fi/invitation/{new_token}/").status_code == 302


def test_role_comes_only_from_the_invitation_whose_link_was_used(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    _moderator, link = _invite("kaksi@example.org", role="moderator")
    other = InvitationFactory(email="kaksi@example.org", role="administrator")
    client.get(link)
    _signup(client, "kaksi@example.org")
    user = User.objects.get(email="kaksi@example.org")
    _verify(client, user)
    user = User.objects.get(pk=user.pk)
    assert user.has_role("moderator")
    assert not user.has_role("administrator")
    other.refresh_from_db()
    assert other.used_at is None and other.accepted_at is None


def test_signup_by_allowed_domain_never_takes_an_invitation(client, settings):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["te-palvelut.fi"]
    invitation = InvitationFactory(email="hyokkaaja@te-palvelut.fi", role="administrator")
    assert _signup(client, "hyokkaaja@te-palvelut.fi").status_code == 302
    user = User.objects.get(email="hyokkaaja@te-palvelut.fi")
    _verify(client, user)
    assert not User.objects.get(pk=user.pk).has_role("administrator")
    invitation.refresh_from_db()
    assert invitation.used_at is None and invitation.accepted_at is None


def test_logged_in_person_with_verified_address_accepts_through_the_link(client):
    person = UserFactory(email="olemassa@example.org")
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    invitation, link = _invite("olemassa@example.org", role="communications")
    client.force_login(person)
    response = client.get(link)
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).has_role("communications")
    invitation.refresh_from_db()
    assert invitation.used_by == person and invitation.accepted_at is not None


def test_logged_in_person_with_another_address_cannot_use_the_link(client):
    person = UserFactory(email="joku@example.org")
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    invitation, link = _invite("toinen@example.org", role="administrator")
    client.force_login(person)
    response = client.get(link)
    assert response.status_code == 403
    assert not User.objects.get(pk=person.pk).has_role("administrator")
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_address_vouched_for_by_single_sign_on_gets_the_role_at_once(rf):
    # A single sign-on sign-up: the provider verified the address before the account exists.
    invitation, _link = _invite("sso@example.org", role="communications")
    user = UserFactory(email="sso@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    assert services.signup_complete(user=user, invitation=invitation) == invitation
    assert User.objects.get(pk=user.pk).has_role("communications")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
