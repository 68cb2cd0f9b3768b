"""Where personal data lives, how it is exported and how it is removed.

Every model with a foreign key, one-to-one or many-to-many relation to the user model must be
listed in :data:`PERSONAL_DATA_REGISTRY`; ``tests/test_personal_data.py`` fails otherwise.
An app adds its models with :func:`register` in its ``AppConfig.ready()`` (or in a module
imported from there)::

    from kaiku.accounts.personal_data import register

    register(
        "questions.question",
        export=lambda user: [...],   # JSON-ready data, or None when covered elsewhere
        remove=None,                 # None: the rows stay, shown as "Removed user"
        note="Questions stay after removal; the author is shown as a removed user.",
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalData:
    model: str  # "app_label.modelname"
    key: str  # the key in the exported JSON
    export: Callable[[Any], Any] | None
    remove: Callable[[Any], None] | None
    note: str


PERSONAL_DATA_REGISTRY: dict[str, PersonalData] = {}


def register(
    model: str,
    *,
    export: Callable[[Any], Any] | None,
    remove: Callable[[Any], None] | None,
    note: str,
    key: str | None = None,
) -> None:
    """Declare how the personal data in ``model`` is exported and removed."""
    model = model.lower()
    PERSONAL_DATA_REGISTRY[model] = PersonalData(
        model=model, key=key or model.replace(".", "_"), export=export, remove=remove, note=note
    )


# --- The entries of accounts, core and the third-party apps Kaiku uses ----------------------


def _roles_export(user) -> list[dict]:
    return [
        {"role": a.role, "granted": a.created.isoformat()}
        for a in user.role_assignments.order_by("role")
    ]


def _roles_remove(user) -> None:
    user.role_assignments.all().delete()


def _invitations_export(user) -> list[dict]:
    from .models import Invitation

    return [
        {
            "email": i.email,
            "role": i.role,
            "organisation": str(i.organisation) if i.organisation_id else None,
            "created": i.created.isoformat(),
            "accepted": i.accepted_at.isoformat() if i.accepted_at else None,
        }
        for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
    ]


def _audit_export(user) -> list[dict]:
    from .services import audit_events_of

    return audit_events_of(user)


def _tokens_export(user) -> list[dict]:
    from rest_framework.authtoken.models import Token

    # Never the key itself.
    return [{"created": t.created.isoformat()} for t in Token.objects.filter(user=user)]


def _tokens_remove(user) -> None:
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()


def _emails_export(user) -> list[dict]:
    from allauth.account.models import EmailAddress

    return [
        {"email": e.email, "primary": e.primary, "verified": e.verified}
        for e in EmailAddress.objects.filter(user=user)
    ]


def _emails_remove(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()


def _social_export(user) -> list[dict]:
    from allauth.socialaccount.models import SocialAccount

    return [
        {"provider": s.provider, "connected": s.date_joined.isoformat()}
        for s in SocialAccount.objects.filter(user=user)
    ]


def _social_remove(user) -> None:
    from allauth.socialaccount.models import SocialAccount

    SocialAccount.objects.filter(user=user).delete()  # cascades to its tokens


def _mfa_export(user) -> list[dict]:
    from allauth.mfa.models import Authenticator

    # Types and dates only; secrets and recovery codes are never exported.
    return [
        {"type": a.type, "created": a.created_at.isoformat()}
        for a in Authenticator.objects.filter(user=user)
    ]


def _mfa_remove(user) -> None:
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=user).delete()


def _admin_log_remove(user) -> None:
    # Django admin's change history by this person: nothing to export (the audit log
    # covers security events), and it goes with the account.
    from django.contrib.admin.models import LogEntry

    LogEntry.objects.filter(user=user).delete()


register(
    "accounts.roleassignment",
    key="roles",
    export=_roles_export,
    remove=_roles_remove,
    note="Platform roles are exported and deleted. granted_by is set to null by the database.",
)
register(
    "accounts.invitation",
    key="invitations_sent",
    export=_invitations_export,
    remove=None,
    note="Invitations the person sent are exported; they stay, linked to the removed user.",
)
register(
    "core.auditevent",
    key="audit_events",
    export=_audit_export,
    remove=None,
    note="Audit events by the person are exported; they are kept until the retention task "
    "prunes them (KAIKU_AUDIT_RETENTION_DAYS): a legal obligation.",
)
register(
    "authtoken.token",
    key="api_tokens",
    export=_tokens_export,
    remove=_tokens_remove,
    note="Only the creation date of the API token is exported, never the key; it is deleted.",
)
register(
    "account.emailaddress",
    key="email_addresses",
    export=_emails_export,
    remove=_emails_remove,
    note="Email addresses are exported and deleted.",
)
register(
    "socialaccount.socialaccount",
    key="single_sign_on_accounts",
    export=_social_export,
    remove=_social_remove,
    note="Single sign-on connections (provider and date) are exported and deleted.",
)
register(
    "mfa.authenticator",
    key="second_factors",
    export=_mfa_export,
    remove=_mfa_remove,
    note="Second factors (type and date, never secrets) are exported and deleted.",
)
register(
    "admin.logentry",
    export=None,
    remove=_admin_log_remove,
    note="Django admin change history is deleted with the account.",
)
