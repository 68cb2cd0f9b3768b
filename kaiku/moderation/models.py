"""Reports: a signed-in person tells the moderators that a piece of content breaks the
community guidelines.

A report points at any moderated model (``kaiku.core.moderation.register_moderated``) by
content type and object id, so this app imports no capability. A person reports an object
once; the report stays *open* until a moderator decides (hides the content: *upheld*; restores
it or finds nothing wrong: *dismissed*).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaiku.accounts.models import User
from kaiku.core.models import BaseModel


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    INAPPROPRIATE = "inappropriate", _("Harassment or inappropriate language")
    OFF_TOPIC = "off_topic", _("Off topic")
    PERSONAL_DATA = "personal_data", _("Personal data about someone")
    OTHER = "other", _("Something else")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld: the content was hidden")
    DISMISSED = "dismissed", _("Dismissed")


class Report(BaseModel):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="moderation_reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    text = models.TextField(_("details"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                name="moderation_report_once_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="moderation_report_object"),
            models.Index(fields=["status", "-created"], name="moderation_report_status"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}: {self.get_reason_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN


class SuspendedAccount(User):
    """People as the admin's suspension list shows them (a proxy: no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("account suspension")
        verbose_name_plural = _("account suspensions")
