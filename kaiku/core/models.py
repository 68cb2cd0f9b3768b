"""Models shared by every app: the base model, the audit log and one-time keys."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every Kaiku model records when it was created and last changed."""

    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field) -> str:  # noqa: N802 - Django's name
        """``get_<field>_display()``. Django builds a dict of every choice on each call; a list
        of 50 rows with a label or two each paid that hundreds of times. The dict is kept on
        the field (its labels are lazy: translated when shown)."""
        labels = field.__dict__.get("_kaiku_choice_labels")
        if labels is None:
            labels = field._kaiku_choice_labels = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    LOCKOUT = "lockout", _("Account locked out")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    MFA_CHANGED = "mfa_changed", _("Second factor changed")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    PERMISSION_CHANGED = "permission_changed", _("Permissions changed")
    ACCOUNT_CREATED = "account_created", _("Account created")
    ACCOUNT_DISABLED = "account_disabled", _("Account disabled")
    ACCOUNT_REMOVED = "account_removed", _("Account removed")
    DATA_EXPORTED = "data_exported", _("Personal data exported")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    CONTENT_UNPUBLISHED = "content_unpublished", _("Content unpublished")
    CONTENT_ARCHIVED = "content_archived", _("Content archived")
    CONTENT_UNARCHIVED = "content_unarchived", _("Content taken out of the archive")
    CONTENT_DELETED = "content_deleted", _("Content deleted")
    CONTENT_RESTORED = "content_restored", _("Content restored")
    CONTENT_REPORTED = "content_reported", _("Content reported")
    CONTENT_HIDDEN = "content_hidden", _("Content hidden by moderation")
    CONTENT_UNHIDDEN = "content_unhidden", _("Hidden content restored by moderation")
    REPORTS_DISMISSED = "reports_dismissed", _("Reports dismissed")
    ACCOUNT_SUSPENDED = "account_suspended", _("Account suspended")
    ACCOUNT_UNSUSPENDED = "account_unsuspended", _("Account suspension lifted")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events are removed only by the retention task.")

    def pseudonymise_person(self, *, user_id: int, email: str, pseudonym: str) -> int:
        """Replace a removed person's email and name in the labels with ``pseudonym``.

        The one change the audit log allows, for account removal only (GDPR art. 17): the
        events stay, with their times, actions and actor links; only the labels that name the
        person (``actor_label``, ``target_label`` and a failed login's ``data["identifier"]``)
        become the pseudonym. Returns how many events were changed.
        """
        email = email.strip()
        if not email:
            raise ValueError("An email address is needed to find the person's events.")
        changed: set[int] = set()
        by_actor = self.filter(models.Q(actor_id=user_id) | models.Q(actor_label__iexact=email))
        as_target = self.filter(
            models.Q(target_type="accounts.user", target_id=str(user_id))
            | models.Q(target_label__iexact=email)
        )
        # QuerySet.update itself, past the guard above: for these three columns only.
        changed |= set(by_actor.values_list("pk", flat=True))
        models.QuerySet.update(by_actor, actor_label=pseudonym)
        changed |= set(as_target.values_list("pk", flat=True))
        models.QuerySet.update(as_target, target_label=pseudonym)
        for event in self.filter(data__identifier__iexact=email):
            data = {**event.data, "identifier": pseudonym}
            models.QuerySet.update(self.filter(pk=event.pk), data=data)
            changed.add(event.pk)
        return len(changed)


class AuditEvent(models.Model):
    """An append-only record of a security-relevant event (Information Management Act §17).

    Rows are never edited through the app; old rows are pruned only by the retention task
    (``core.tasks.prune_audit_log``) after ``KAIKU_AUDIT_RETENTION_DAYS``. The one exception:
    account removal replaces the person's labels with a pseudonym
    (``AuditEventQuerySet.pseudonymise_person``).
    """

    created = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the actor's account is removed, so the trail stays readable.
    actor_label = models.CharField(_("actor label"), max_length=254, blank=True)
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["action", "-created"])]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")


from .idempotency import IdempotencyRecord  # noqa: E402, F401  (one-time keys of creates)
from .ratelimit import RateEvent  # noqa: E402, F401  (per-person posting limits)
