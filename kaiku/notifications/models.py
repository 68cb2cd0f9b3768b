"""Following and notifications (issue 3, part 4).

A person follows a programme, a working group or a keyword (``Follow``). When something they
follow changes, ``services.notify_followers`` creates one ``Notification`` per follower who may
see it; email goes out immediately or in a daily or weekly digest, as the person chose
(``NotificationPreference``). ``Notification.emailed_at`` records that a notification has been
emailed, so that it is never emailed twice.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.models import BaseModel


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    NEVER = "never", _("Never (only on the site)")


# Without a preference row a person gets the daily digest.
DEFAULT_FREQUENCY = Frequency.DAILY


class Kind(models.TextChoices):
    MEETING_CREATED = "meeting_created", _("New meeting")
    MEETING_CHANGED = "meeting_changed", _("Meeting time changed")
    MEMO_PUBLISHED = "memo_published", _("Memo published")
    MILESTONE_CREATED = "milestone_created", _("New milestone")
    MILESTONE_CHANGED = "milestone_changed", _("Milestone changed")
    NEWS_PUBLISHED = "news_published", _("News published")


def normalise_keyword(keyword: str) -> str:
    return " ".join(keyword.split()).lower()


class Follow(BaseModel):
    """Exactly one of ``programme``, ``group`` and ``keyword`` is set (a database check)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    group = models.ForeignKey(
        "programme.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    keyword = models.CharField(_("keyword"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(programme__isnull=False, group__isnull=True, keyword="")
                    | Q(programme__isnull=True, group__isnull=False, keyword="")
                    | (Q(programme__isnull=True, group__isnull=True) & ~Q(keyword=""))
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=Q(programme__isnull=False),
                name="follow_unique_programme",
            ),
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=Q(group__isnull=False),
                name="follow_unique_group",
            ),
            models.UniqueConstraint(
                fields=["user", "keyword"],
                condition=~Q(keyword=""),
                name="follow_unique_keyword",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.target}"

    @property
    def target(self):
        return self.programme or self.group or self.keyword

    def get_absolute_url(self) -> str:
        target = self.programme or self.group
        return target.get_absolute_url() if target else reverse("notifications:settings")


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
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500)
    group = models.ForeignKey(
        "programme.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
            models.Index(fields=["user", "emailed_at"], name="notification_user_emailed"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
