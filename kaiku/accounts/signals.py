"""Account events announced only through signals: audit, invitations, the login time.

Roles from an invitation are given when allauth confirms the invited address
(``email_confirmed``), the one allauth event Kaiku reacts to with a write. Django's
``user_logged_in`` stamps the session for ``SessionLifetimeMiddleware``.
"""

from __future__ import annotations

from allauth.account.signals import (
    email_confirmed,
    password_changed,
    password_reset,
    password_set,
)
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from kaiku.core.audit import audit_log
from kaiku.core.models import AuditAction


@receiver(password_changed, dispatch_uid="kaiku_audit_password_changed")
@receiver(password_set, dispatch_uid="kaiku_audit_password_set")
def _audit_password_changed(sender, request, user, **kwargs):
    audit_log(action=AuditAction.PASSWORD_CHANGED, actor=user, target=user, request=request)


@receiver(password_reset, dispatch_uid="kaiku_audit_password_reset")
def _audit_password_reset(sender, request, user, **kwargs):
    audit_log(action=AuditAction.PASSWORD_RESET, actor=user, target=user, request=request)


def _audit_mfa(change: str):
    def _handler(sender, request, user, authenticator, **kwargs):
        audit_log(
            action=AuditAction.MFA_CHANGED,
            actor=user,
            target=user,
            request=request,
            data={"change": change, "type": authenticator.type},
        )

    return _handler


_mfa_added = _audit_mfa("added")
_mfa_removed = _audit_mfa("removed")
_mfa_reset = _audit_mfa("reset")
authenticator_added.connect(_mfa_added, dispatch_uid="kaiku_audit_mfa_added")
authenticator_removed.connect(_mfa_removed, dispatch_uid="kaiku_audit_mfa_removed")
authenticator_reset.connect(_mfa_reset, dispatch_uid="kaiku_audit_mfa_reset")


@receiver(email_confirmed, dispatch_uid="kaiku_invitation_email_confirmed")
def _accept_invitations(sender, request, email_address, **kwargs):
    from .services import invitation_accept_verified

    invitation_accept_verified(user=email_address.user, request=request)


@receiver(user_logged_in, dispatch_uid="kaiku_session_login_time")
def _session_login_time(sender, request, user, **kwargs):
    from .middleware import session_started

    if request is not None:
        session_started(request)
