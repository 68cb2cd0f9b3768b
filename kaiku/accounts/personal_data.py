"""Where personal data lives, how it is exported and how it is removed.

Two kinds of tables hold personal data, and both must be listed here; the tests in
``accounts/tests/test_services.py`` and ``accounts/tests/test_personal_data.py`` fail otherwise:

- every model with a foreign key, one-to-one or many-to-many relation to the user model;
- every model with a column that may name a person without a relation: an ``EmailField``, or
  a text column named like ``*email*``, ``*username*`` or ``*label*`` (django-axes keeps login
  attempts by user name, the audit log keeps labels). Such an entry lists its columns in
  ``fields`` and finds the person's rows by their email address or label.

An app adds its models with :func:`register` in its ``AppConfig.ready()`` (or in a module
imported from there)::

    from kaiku.accounts.personal_data import register

    register(
        "questions.question",
        export=lambda user: [...],   # JSON-ready data, or None when covered elsewhere
        remove=None,                 # None: the rows stay, shown as "Removed user"
        note="Questions stay after removal; the author is shown as a removed user.",
        fields=["contact_email"],    # columns found by email or label, if any
    )

A column that looks like it could name a person but does not is declared with
:func:`not_personal` and a reason.

Rules for ``export``: only the person's own data. Where a row also names someone else (who
granted a role, whom an invitation went to), that identity is left out or replaced with
:func:`another_person`. Rules for ``remove``: it runs before the profile is anonymised, so
``user.email`` is still the person's address when it is called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class PersonalData:
    model: str  # "app_label.modelname"
    key: str  # the key in the exported JSON
    export: Callable[[Any], Any] | None
    remove: Callable[[Any], None] | None
    note: str
    # Columns (other than relations to the user) that name the person.
    fields: tuple[str, ...] = ()


PERSONAL_DATA_REGISTRY: dict[str, PersonalData] = {}

#: Columns that look as if they named a person but do not: {model: {column: reason}}.
NOT_PERSONAL: dict[str, dict[str, str]] = {}


def register(
    model: str,
    *,
    export: Callable[[Any], Any] | None,
    remove: Callable[[Any], None] | None,
    note: str,
    key: str | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Declare how the personal data in ``model`` is exported and removed."""
    model = model.lower()
    PERSONAL_DATA_REGISTRY[model] = PersonalData(
        model=model,
        key=key or model.replace(".", "_"),
        export=export,
        remove=remove,
        note=note,
        fields=tuple(fields),
    )


def not_personal(model: str, *fields: str, reason: str) -> None:
    """Declare that ``fields`` of ``model`` never name a person, and why."""
    NOT_PERSONAL.setdefault(model.lower(), {}).update(dict.fromkeys(fields, reason))


def another_person() -> str:
    """What an export shows in place of someone else's identity."""
    return _("another person")


def pseudonym(user) -> str:
    """What a removed person is called where a label must stay (the audit log)."""
    return f"removed-user-{user.pk}"


# --- The entries of accounts, core and the third-party apps Kaiku uses ----------------------


def _roles_export(user) -> list[dict]:
    return [
        {"role": a.role, "granted": a.created.isoformat()}
        for a in user.role_assignments.order_by("role")
    ]


def _roles_remove(user) -> None:
    user.role_assignments.all().delete()


def _invitation_row(invitation) -> dict:
    return {
        "role": invitation.role,
        "organisation": str(invitation.organisation) if invitation.organisation_id else None,
        "created": invitation.created.isoformat(),
        "accepted": invitation.accepted_at.isoformat() if invitation.accepted_at else None,
    }


def _invitations_export(user) -> dict:
    from .models import Invitation

    rows = Invitation.objects.select_related("organisation").order_by("created", "pk")
    return {
        # Whom the person invited is the invitee's data, not theirs: left out.
        "sent": [_invitation_row(i) for i in rows.filter(invited_by=user)],
        "received": [
            {"email": i.email, **_invitation_row(i)} for i in rows.filter(email__iexact=user.email)
        ],
    }


def _invitations_remove(user) -> None:
    from .models import Invitation

    # Invitations the person sent stay (linked to the removed user); ones addressed to them go.
    Invitation.objects.filter(email__iexact=user.email).delete()


# Audit events whose target is a person: the label names them.
_PERSON_TARGETS = frozenset({"accounts.user", "accounts.invitation"})


def _audit_events(user):
    from django.db.models import Q

    from kaiku.core.models import AuditEvent

    return AuditEvent.objects.filter(
        Q(actor=user)
        | Q(actor_label__iexact=user.email)
        | Q(target_type="accounts.user", target_id=str(user.pk))
        | Q(target_label__iexact=user.email)
        | Q(data__identifier__iexact=user.email)
    ).order_by("created", "pk")


def _audit_export(user) -> list[dict]:
    """The events by the person, about them, or naming their email (failed logins); who
    else acted, and whom else the person's actions concerned, is not theirs to see."""
    from django.apps import apps

    email = user.email.lower()
    rows = []
    for event in _audit_events(user):
        by_person = event.actor_id == user.pk
        by_their_address = not event.actor_id and event.actor_label.lower() == email
        if by_person:
            actor = _("you")
        elif by_their_address:
            actor = _("someone using your email address")
        elif event.actor_id or event.actor_label:
            actor = another_person()
        else:
            actor = None
        own_target = (
            event.target_type == "accounts.user" and event.target_id == str(user.pk)
        ) or event.target_label.lower() == email
        if not event.target_type:
            target = ""
        elif own_target:
            target = event.target_label
        elif event.target_type in _PERSON_TARGETS:
            target = another_person()
        else:
            try:
                target = str(apps.get_model(event.target_type)._meta.verbose_name)
            except (LookupError, ValueError):
                target = event.target_type
        rows.append(
            {
                "time": event.created.isoformat(),
                "action": event.action,
                "actor": actor,
                "target": target,
                # The address another person acted from is theirs, not this person's.
                "ip_address": event.ip_address if by_person or by_their_address else None,
            }
        )
    return rows


def _audit_remove(user) -> None:
    from kaiku.core.models import AuditEvent

    AuditEvent.objects.pseudonymise_person(
        user_id=user.pk, email=user.email, pseudonym=pseudonym(user)
    )


def _idempotency():
    from kaiku.core import idempotency

    return idempotency


def _ratelimit():
    from kaiku.core import ratelimit

    return ratelimit


def _axes_rows(model_name: str, user):
    from django.apps import apps

    model = apps.get_model("axes", model_name)
    return model.objects.filter(username__iexact=user.email).order_by("attempt_time", "pk")


def _axes_attempts_export(user) -> list[dict]:
    # Never get_data or post_data: what was typed into the form.
    return [
        {
            "time": a.attempt_time.isoformat(),
            "ip_address": a.ip_address,
            "user_agent": a.user_agent,
            "failures": a.failures_since_start,
        }
        for a in _axes_rows("AccessAttempt", user)
    ]


def _axes_log_export(user) -> list[dict]:
    return [
        {
            "login": a.attempt_time.isoformat(),
            "logout": a.logout_time.isoformat() if a.logout_time else None,
            "ip_address": a.ip_address,
            "user_agent": a.user_agent,
        }
        for a in _axes_rows("AccessLog", user)
    ]


def _axes_failures_export(user) -> list[dict]:
    return [
        {
            "time": a.attempt_time.isoformat(),
            "ip_address": a.ip_address,
            "user_agent": a.user_agent,
            "locked_out": a.locked_out,
        }
        for a in _axes_rows("AccessFailureLog", user)
    ]


def _axes_remover(model_name: str) -> Callable[[Any], None]:
    def remove(user) -> None:
        _axes_rows(model_name, user).delete()

    return remove


def _tokens_export(user) -> list[dict]:
    from .models import ApiToken

    # Never the key (only its hash is stored, and not exported either).
    return [
        {
            "created": t.created.isoformat(),
            "last_used": t.last_used_at.isoformat() if t.last_used_at else None,
            "expires": t.expires_at.isoformat(),
        }
        for t in ApiToken.objects.filter(user=user)
    ]


def _tokens_remove(user) -> None:
    from rest_framework.authtoken.models import Token

    from .models import ApiToken

    ApiToken.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()  # legacy DRF tokens (moved by a migration)


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
    # covers security events), and it goes with the account. Administrators' changes *to*
    # the person stay, but no longer name them.
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(user=user).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    ).update(object_repr=pseudonym(user))


register(
    "accounts.roleassignment",
    key="roles",
    export=_roles_export,
    remove=_roles_remove,
    note="Platform roles are exported and deleted. granted_by is set to null by the database.",
)
register(
    "accounts.user",
    export=None,
    remove=None,
    fields=["email"],
    note="The profile itself: exported as 'profile' and anonymised by account_remove.",
)
register(
    "accounts.invitation",
    key="invitations",
    export=_invitations_export,
    remove=_invitations_remove,
    fields=["email"],
    note="Invitations the person sent (without the invitees' addresses) and received. Sent "
    "ones stay, linked to the removed user; ones addressed to the person are deleted.",
)
register(
    "core.auditevent",
    key="audit_events",
    export=_audit_export,
    remove=_audit_remove,
    fields=["actor_label", "target_label"],
    note="Audit events by the person, about them or naming their email address are exported "
    "(other people as 'another person'). They are kept until the retention task prunes them "
    "(KAIKU_AUDIT_RETENTION_DAYS): a legal obligation; on removal the labels, and a failed "
    "login's identifier, become the pseudonym removed-user-<id>.",
)
register(
    "core.idempotencyrecord",
    key="idempotency_keys",
    export=lambda user: _idempotency().personal_data_export(user),
    remove=lambda user: _idempotency().personal_data_remove(user),
    note="One-time keys of the person's recent creates (kept 24 hours): the path and time are "
    "exported; they are deleted with the account.",
)
register(
    "core.rateevent",
    key="rate_limit_events",
    export=lambda user: _ratelimit().personal_data_export(user),
    remove=lambda user: _ratelimit().personal_data_remove(user),
    note="When the person last posted, reported or voted (kept a day, for the posting limits): "
    "the kind and time are exported; they are deleted with the account.",
)
register(
    "axes.accessattempt",
    key="login_attempts",
    export=_axes_attempts_export,
    remove=_axes_remover("AccessAttempt"),
    fields=["username"],
    note="Recent failed logins to the account (django-axes, by email address): time, "
    "address and browser; deleted with the account.",
)
register(
    "axes.accesslog",
    key="login_log",
    export=_axes_log_export,
    remove=_axes_remover("AccessLog"),
    fields=["username"],
    note="Logins and logouts (django-axes): time, address and browser; deleted with the account.",
)
register(
    "axes.accessfailurelog",
    key="login_failures",
    export=_axes_failures_export,
    remove=_axes_remover("AccessFailureLog"),
    fields=["username"],
    note="The failed-login history (django-axes, when enabled); deleted with the account.",
)
register(
    "accounts.apitoken",
    key="api_tokens",
    export=_tokens_export,
    remove=_tokens_remove,
    note="The dates of the API token are exported, never the key; it is deleted.",
)
register(
    "authtoken.token",
    key="legacy_api_tokens",
    export=None,
    remove=_tokens_remove,
    note="Legacy DRF tokens, moved to accounts.apitoken by a migration; deleted if any.",
)
register(
    "account.emailaddress",
    key="email_addresses",
    export=_emails_export,
    remove=_emails_remove,
    fields=["email"],
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


not_personal(
    "contenttypes.contenttype", "app_label", reason="The name of a Django app, not a person."
)
not_personal(
    "organisations.organisation",
    "email",
    reason="An organisation's shared contact address, published on its page.",
)
