"""Following and notifications (issue 3, part 4).

A person follows any followable object (``Follow``, by content type). When something changes,
the producing app calls ``services.notify`` after its transaction commits; it creates one
``Notification`` per follower who may see what it is about; email goes out immediately or in
a daily or weekly digest, as the person chose (``NotificationPreference``).
``Notification.emailed_at`` records that a notification has been emailed, so that it is never
emailed twice; the ``email_*`` fields track the delivery in between (claim, attempts, retry).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kaiku.core.models import BaseModel
from kaiku.core.urls_absolute import in_language


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    NEVER = "never", _("Never (only on the site)")


# Without a preference row a person gets the daily digest.
DEFAULT_FREQUENCY = Frequency.DAILY


class Follow(BaseModel):
    """A person follows one object of any followable kind (``registry.register_followable``):
    a programme, a working group, a keyword, and whatever later capabilities add."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_unique_target"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_target_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model}:{self.object_id}"


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(32)


class NotificationPreference(BaseModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_frequency = models.CharField(
        _("email"), max_length=10, choices=Frequency.choices, default=DEFAULT_FREQUENCY
    )
    unsubscribe_token = models.CharField(
        _("unsubscribe token"), max_length=64, unique=True, default=new_unsubscribe_token
    )
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_email_frequency_display()}"

    def get_absolute_url(self) -> str:
        return reverse("notifications:settings")


class Notification(BaseModel):
    """One thing a person was told about. ``kind`` is a plain string registered by the producing
    app (``registry.register_kind``), so a new kind needs no migration. ``content_type`` and
    ``object_id`` point at what it is about: the list re-checks that the person may still see
    it before showing ``title`` and ``context``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    # Where it happened, e.g. the working group's name.
    context = models.CharField(_("context"), max_length=300, blank=True)
    url = models.CharField(_("address"), max_length=500)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("content type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Email delivery (``tasks.py``): claimed by one sender, sent, then confirmed by setting
    # ``emailed_at``. A claim never confirmed is released by ``recover_deliveries``.
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    email_claimed_at = models.DateTimeField(_("email claimed"), null=True, blank=True)
    email_claim_token = models.CharField(
        _("email claim token"), max_length=32, blank=True, editable=False
    )
    email_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    email_next_attempt_at = models.DateTimeField(_("next email attempt"), null=True, blank=True)
    email_given_up_at = models.DateTimeField(_("email given up"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
            models.Index(fields=["user", "emailed_at"], name="notification_user_emailed"),
            models.Index(
                fields=["email_claimed_at", "email_next_attempt_at"],
                condition=models.Q(emailed_at__isnull=True),
                name="notification_email_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label}: {self.title}"

    def get_absolute_url(self) -> str:
        """The stored address in the active language: a notification is written in the
        producer's language and read in the reader's."""
        return in_language(self.url, get_language())

    @property
    def kind_label(self) -> str:
        from .registry import kind_label

        return kind_label(self.kind)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
