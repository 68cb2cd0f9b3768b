"""Writes about people, their roles, invitations, tokens and personal data.

Every function is keyword-only, runs in a transaction and writes the audit log for the
security-relevant ones. Side effects (emails) are queued with ``transaction.on_commit``.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaiku.core.audit import audit_log
from kaiku.core.models import AuditAction
from kaiku.core.writes import model_update

from .models import ApiToken, Invitation, PlatformRole, RoleAssignment, User
from .selectors import INVITATION_SESSION_KEY
from .selectors import invitation_token_hash as _token_hash

INVITATION_VALID_DAYS = 14

#: The profile fields a person (or an administrator) may change with :func:`profile_update`.
PROFILE_FIELDS = frozenset(
    {"full_name", "title", "organisation", "languages", "expertise", "preferred_language"}
)


def _forget_roles(user: User) -> None:
    from kaiku.core.moderation import MAY_MODERATE_ATTR

    for name in ("_role_cache", MAY_MODERATE_ATTR):
        user.__dict__.pop(name, None)


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
    """Queue the invitation email (again) and record it in the audit log.

    The background task issues a new secret link (:func:`invitation_token_issue`), so the
    secret never passes through the task queue and sending again invalidates the old link.
    """
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


@transaction.atomic
def invitation_token_issue(*, invitation: Invitation) -> str:
    """Give ``invitation`` a new secret for its link and return it (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _token_hash(token)
    invitation.save(update_fields=["token_hash", "updated"])
    return token


def email_domain_allowed(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    allowed = {d.strip().lower().lstrip("@") for d in settings.KAIKU_SIGNUP_ALLOWED_DOMAINS}
    return bool(domain) and domain in allowed


def signup_allowed_for_email(email: str, *, invitation: Invitation | None = None) -> bool:
    """Sign-up policy: an allowed email domain, or the link of a usable invitation for
    exactly this address (``invitation``, from ``selectors.invitation_in_session``).

    Invitations are never looked up by address: knowing an invited address gives nothing.
    """
    if email_domain_allowed(email):
        return True
    return (
        invitation is not None
        and invitation.is_usable
        and invitation.email.lower() == email.strip().lower()
    )


def _emails_of(user: User) -> set[str]:
    from allauth.account.models import EmailAddress

    emails = {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    emails.add(user.email.lower())
    return emails


@transaction.atomic
def invitation_use(
    *, invitation: Invitation, user: User, request: HttpRequest | None = None
) -> bool:
    """Spend the invitation's link on ``user`` (an address of theirs must be the invited one).

    The link works once. The role and organisation follow when the address is verified
    (:func:`invitation_accept_verified`). Returns whether the link was spent.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable or invitation.email.lower() not in _emails_of(user):
        return False
    invitation.used_by = user
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_by", "used_at", "updated"])
    if request is not None and hasattr(request, "session"):
        request.session.pop(INVITATION_SESSION_KEY, None)
    invitation_accept_verified(user=user, request=request)
    return True


@transaction.atomic
def invitation_accept_verified(*, user: User, request: HttpRequest | None = None) -> int:
    """Give ``user`` the organisation and role of the invitations whose link they used, once
    the invited address is verified as theirs. Returns how many were accepted.

    Called after a sign-up through a link and whenever allauth confirms an email address.
    """
    from allauth.account.models import EmailAddress

    verified = {
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    accepted = 0
    # Lock only the invitations: the inviter is joined with a LEFT JOIN, which PostgreSQL
    # cannot lock.
    pending = Invitation.objects.select_for_update(of=("self",)).filter(
        used_by=user, accepted_at__isnull=True
    )
    for invitation in pending.select_related("invited_by"):
        if invitation.email.lower() not in verified:
            continue
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated"])
        if invitation.organisation_id and not user.organisation_id:
            user.organisation_id = invitation.organisation_id
            user.save(update_fields=["organisation"])
        if invitation.role:
            role_grant(
                user=user, role=invitation.role, actor=invitation.invited_by, request=request
            )
        accepted += 1
    return accepted


@transaction.atomic
def signup_complete(
    *, user: User, request: HttpRequest | None = None, invitation: Invitation | None = None
) -> Invitation | None:
    """After sign-up: spend the invitation link the person came with, if it is for them."""
    used = invitation is not None and invitation_use(
        invitation=invitation, user=user, request=request
    )
    audit_log(
        action=AuditAction.ACCOUNT_CREATED,
        actor=user,
        target=user,
        request=request,
        data={"invitation": invitation.pk if used else None},
    )
    return invitation if used else None


# --- Profile ------------------------------------------------------------------------------


@transaction.atomic
def profile_update(*, user: User, actor: User, **fields: Any) -> User:
    """Change profile fields of ``user``. Only the person themself or an administrator may."""
    if not actor.has_perm("accounts.change_person", user):
        raise PermissionDenied
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    model_update(user, data=fields, allowed=PROFILE_FIELDS)
    return user


def preferred_language_set(*, user: User, language: str) -> bool:
    """Store the language a person switched to; returns whether it changed.

    Only a language of the site (``LANGUAGES``) is stored; anything else is ignored.
    """
    if language not in dict(settings.LANGUAGES) or language == user.preferred_language:
        return False
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language
    return True


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
    token_revoke(user=user, actor=actor, request=request, reason="account_disabled")
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


def token_hash(key: str) -> str:
    """The stored form of an API token key (SHA-256: the keys are long random strings)."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, user: User, actor: User | None, request: HttpRequest | None = None, rotate: bool = False
) -> ApiToken:
    """Create the person's API token (one per person). ``rotate`` replaces an existing one;
    an expired one is replaced anyway.

    The returned token carries the key in ``.key``; only its hash is stored, so this is the
    one moment it can be shown.
    """
    existing = ApiToken.objects.filter(user=user).first()
    if existing is not None:
        if not rotate and not existing.is_expired:
            raise ValidationError(_("You already have an API token. Revoke it first."))
        token_revoke(user=user, actor=actor, request=request)
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=token_hash(key),
        expires_at=timezone.now() + datetime.timedelta(days=settings.KAIKU_API_TOKEN_DAYS),
    )
    token.key = key
    audit_log(
        action=AuditAction.TOKEN_CREATED,
        actor=actor,
        target=user,
        request=request,
        data={"expires_at": token.expires_at.isoformat()},
    )
    return token


@transaction.atomic
def token_revoke(
    *,
    user: User,
    actor: User | None,
    request: HttpRequest | None = None,
    reason: str = "revoked",
) -> bool:
    """Delete the API tokens of ``user``; ``reason`` goes to the audit log."""
    deleted, _counts = ApiToken.objects.filter(user=user).delete()
    if deleted:
        audit_log(
            action=AuditAction.TOKEN_REVOKED,
            actor=actor,
            target=user,
            request=request,
            data={"reason": reason},
        )
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


#: allauth rate-limit action (``ACCOUNT_RATE_LIMITS["remove_account"]``) for wrong
#: confirmations on the account-removal form, counted per person like password changes.
ACCOUNT_REMOVE_RATE_LIMIT_ACTION = "remove_account"
ACCOUNT_REMOVE_LOCKED_MESSAGE = gettext_lazy(
    "Too many wrong attempts. For your security, removing the account is blocked for a "
    "while. Try again in 15 minutes."
)


def account_remove_blocked(*, user: User, request: HttpRequest) -> bool:
    """Has ``user`` used up their wrong confirmations on the removal form? Audited if so."""
    from allauth.core import ratelimit

    allowed = ratelimit.consume(
        request, action=ACCOUNT_REMOVE_RATE_LIMIT_ACTION, user=user, dry_run=True
    )
    if not allowed:
        audit_log(
            action=AuditAction.LOCKOUT,
            actor=user,
            target=user,
            request=request,
            data={"form": "account_remove"},
        )
    return not allowed


def account_remove_failed(*, user: User, request: HttpRequest) -> None:
    """Count a wrong password (or email) given to confirm the removal."""
    from allauth.core import ratelimit

    ratelimit.consume(request, action=ACCOUNT_REMOVE_RATE_LIMIT_ACTION, user=user)


@transaction.atomic
def account_remove(*, user: User, request: HttpRequest | None = None) -> User:
    """Remove a person's account at their request (GDPR art. 17).

    The profile is anonymised rather than deleted so that contributions stay readable (shown
    as "Removed user"); logins, tokens, second factors, email addresses, social accounts and
    sessions are deleted, and so is everything the registry finds by the person's email
    address (invitations, django-axes login records). Existing audit events are kept for
    their retention period under the pseudonym ``removed-user-<id>``.
    """
    from .personal_data import PERSONAL_DATA_REGISTRY

    audit_log(action=AuditAction.ACCOUNT_REMOVED, actor=user, target=user, request=request)
    if request is not None and getattr(getattr(request, "user", None), "pk", None) == user.pk:
        # Before the registry runs, so the logout's own records are removed with the rest.
        logout(request)
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
    return user
