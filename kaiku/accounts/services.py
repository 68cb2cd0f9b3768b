"""Writes about people, their roles, invitations, tokens and personal data.

Every function is keyword-only, runs in a transaction and writes the audit log for the
security-relevant ones. Side effects (emails) are queued with ``transaction.on_commit``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from kaiku.core.audit import audit_log
from kaiku.core.models import AuditAction, AuditEvent

from .models import Invitation, PlatformRole, RoleAssignment, User

INVITATION_VALID_DAYS = 14

#: The profile fields a person (or an administrator) may change with :func:`profile_update`.
PROFILE_FIELDS = frozenset(
    {"full_name", "title", "organisation", "languages", "expertise", "preferred_language"}
)


def _forget_roles(user: User) -> None:
    if hasattr(user, "_role_cache"):
        del user._role_cache


# --- Roles --------------------------------------------------------------------------------


@transaction.atomic
def role_grant(
    *, user: User, role: str, actor: User | None, request: HttpRequest | None = None
) -> RoleAssignment:
    """Give ``user`` the platform role ``role``. Idempotent: an existing role is not re-audited."""
    if role not in PlatformRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        defaults={"granted_by": actor if actor is not None and actor.pk else None},
    )
    if created:
        audit_log(
            action=AuditAction.ROLE_GRANTED,
            actor=actor,
            target=user,
            request=request,
            data={"role": role},
        )
    _forget_roles(user)
    return assignment


@transaction.atomic
def role_revoke(
    *, user: User, role: str, actor: User | None, request: HttpRequest | None = None
) -> bool:
    """Take the platform role ``role`` away from ``user``; returns whether it was held."""
    deleted, _counts = RoleAssignment.objects.filter(user=user, role=role).delete()
    if deleted:
        audit_log(
            action=AuditAction.ROLE_REVOKED,
            actor=actor,
            target=user,
            request=request,
            data={"role": role},
        )
    _forget_roles(user)
    return bool(deleted)


# --- Invitations --------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    email: str,
    actor: User | None,
    organisation=None,
    role: str = "",
    language: str | None = None,
    request: HttpRequest | None = None,
) -> Invitation:
    """Invite ``email`` to sign up; the invitation email is sent in the background."""
    invitation = Invitation(
        email=User.objects.normalize_email(email).lower(),
        organisation=organisation,
        role=role,
        invited_by=actor if actor is not None and actor.pk else None,
        language=language or getattr(actor, "preferred_language", None) or settings.LANGUAGE_CODE,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    invitation_send(invitation=invitation, actor=actor, request=request)
    return invitation


def invitation_send(
    *, invitation: Invitation, actor: User | None, request: HttpRequest | None = None
) -> None:
    """Queue the invitation email (again) and record it in the audit log."""
    from .tasks import send_invitation_email

    audit_log(
        action=AuditAction.INVITATION_SENT,
        actor=actor,
        target=invitation,
        request=request,
        data={"role": invitation.role},
    )
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation_id))


def invitation_for_email(email: str) -> Invitation | None:
    """The newest usable invitation for ``email``, if any."""
    return (
        Invitation.objects.filter(
            email__iexact=email.strip(), accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created")
        .first()
    )


def email_domain_allowed(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    allowed = {d.strip().lower().lstrip("@") for d in settings.KAIKU_SIGNUP_ALLOWED_DOMAINS}
    return bool(domain) and domain in allowed


def signup_allowed_for_email(email: str) -> bool:
    """Sign-up policy: a usable invitation for the address, or an allowed email domain."""
    return email_domain_allowed(email) or invitation_for_email(email) is not None


@transaction.atomic
def signup_complete(*, user: User, request: HttpRequest | None = None) -> Invitation | None:
    """After sign-up: accept the person's invitation (organisation and role come from it)."""
    invitation = invitation_for_email(user.email)
    if invitation is not None:
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated"])
        if invitation.organisation_id and not user.organisation_id:
            user.organisation_id = invitation.organisation_id
            user.save(update_fields=["organisation"])
        if invitation.role:
            role_grant(
                user=user, role=invitation.role, actor=invitation.invited_by, request=request
            )
    audit_log(
        action=AuditAction.ACCOUNT_CREATED,
        actor=user,
        target=user,
        request=request,
        data={"invitation": invitation.pk if invitation else None},
    )
    return invitation


# --- Profile ------------------------------------------------------------------------------


@transaction.atomic
def profile_update(*, user: User, actor: User, **fields: Any) -> User:
    """Change profile fields of ``user``. Only the person themself or an administrator may."""
    if not actor.has_perm("accounts.change_person", user):
        raise PermissionDenied
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    if fields:
        user.save(update_fields=list(fields))
    return user


# --- Sessions and tokens ------------------------------------------------------------------


def user_sessions_end(*, user: User) -> int:
    """Delete every stored session of ``user``; returns how many were deleted.

    Sessions live in the database (``SESSION_ENGINE`` default); each is decoded to find its
    owner. An inactive account cannot authenticate anyway, so this is belt and braces.
    """
    ids = []
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            ids.append(session.pk)
    if ids:
        Session.objects.filter(pk__in=ids).delete()
    return len(ids)


@transaction.atomic
def user_disable(*, user: User, actor: User | None, request: HttpRequest | None = None) -> User:
    """Disable an account: it can no longer log in, and its sessions end now."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = user_sessions_end(user=user)
    audit_log(
        action=AuditAction.ACCOUNT_DISABLED,
        actor=actor,
        target=user,
        request=request,
        data={"sessions_ended": ended},
    )
    return user


@transaction.atomic
def token_create(
    *, user: User, actor: User | None, request: HttpRequest | None = None, rotate: bool = False
) -> Token:
    """Create the person's API token (one per person). ``rotate`` replaces an existing one."""
    existing = Token.objects.filter(user=user).first()
    if existing is not None:
        if not rotate:
            raise ValidationError(_("You already have an API token. Revoke it first."))
        token_revoke(user=user, actor=actor, request=request)
    token = Token.objects.create(user=user)
    audit_log(action=AuditAction.TOKEN_CREATED, actor=actor, target=user, request=request)
    return token


@transaction.atomic
def token_revoke(*, user: User, actor: User | None, request: HttpRequest | None = None) -> bool:
    deleted, _counts = Token.objects.filter(user=user).delete()
    if deleted:
        audit_log(action=AuditAction.TOKEN_REVOKED, actor=actor, target=user, request=request)
    return bool(deleted)


# --- Personal data ------------------------------------------------------------------------


def personal_data_export(*, user: User, request: HttpRequest | None = None) -> dict:
    """Everything Kaiku stores about ``user``, as JSON-ready data (GDPR art. 15 and 20).

    The data of each model comes from :data:`kaiku.accounts.personal_data.PERSONAL_DATA_REGISTRY`
    so apps added later contribute their own part.
    """
    from .personal_data import PERSONAL_DATA_REGISTRY

    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "title": user.title,
            "organisation": str(user.organisation) if user.organisation_id else None,
            "languages": list(user.languages or []),
            "expertise": user.expertise,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        },
    }
    for entry in PERSONAL_DATA_REGISTRY.values():
        if entry.export is not None:
            data[entry.key] = entry.export(user)
    audit_log(action=AuditAction.DATA_EXPORTED, actor=user, target=user, request=request)
    return data


@transaction.atomic
def account_remove(*, user: User, request: HttpRequest | None = None) -> User:
    """Remove a person's account at their request (GDPR art. 17).

    The profile is anonymised rather than deleted so that contributions stay readable (shown
    as "Removed user"); logins, tokens, second factors, email addresses, social accounts and
    sessions are deleted. Existing audit events are kept for their retention period.
    """
    from .personal_data import PERSONAL_DATA_REGISTRY

    audit_log(action=AuditAction.ACCOUNT_REMOVED, actor=user, target=user, request=request)
    for entry in PERSONAL_DATA_REGISTRY.values():
        if entry.remove is not None:
            entry.remove(user)
    user.email = f"removed-{user.pk}@invalid.kaiku"
    user.full_name = ""
    user.title = ""
    user.expertise = ""
    user.languages = []
    user.organisation = None
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.removed_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _forget_roles(user)
    user_sessions_end(user=user)
    if request is not None and getattr(getattr(request, "user", None), "pk", None) == user.pk:
        logout(request)
    return user


def audit_events_of(user: User) -> list[dict]:
    return [
        {
            "time": event.created.isoformat(),
            "action": event.action,
            "target": event.target_label,
            "ip_address": event.ip_address,
        }
        for event in AuditEvent.objects.filter(actor=user).order_by("created")
    ]
