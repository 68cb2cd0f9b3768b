"""Audit of logins, logouts, failed logins and lockouts.

Django, allauth and django-axes announce these only through signals, so accounts listens
to them here (and to password and second-factor changes in ``signals.py``); every other
side effect is done or queued by a service.
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kaiku.core.audit import audit_log
from kaiku.core.models import AuditAction


@receiver(user_logged_in, dispatch_uid="kaiku_audit_login")
def _audit_login(sender, request, user, **kwargs):
    audit_log(action=AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="kaiku_audit_logout")
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_log(action=AuditAction.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="kaiku_audit_login_failed")
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; keep only the identifier.
    identifier = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_log(
        action=AuditAction.LOGIN_FAILED,
        request=request,
        actor_label=identifier,
        data={"identifier": identifier},
    )


@receiver(user_locked_out, dispatch_uid="kaiku_audit_lockout")
def _audit_lockout(sender, request, username=None, ip_address=None, **kwargs):
    identifier = str(username or "")[:254]
    audit_log(
        action=AuditAction.LOCKOUT,
        request=request,
        actor_label=identifier,
        data={"identifier": identifier},
    )
