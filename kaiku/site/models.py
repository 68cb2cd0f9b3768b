"""Accessibility feedback (moved from core; the table keeps its name)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kaiku.core.models import BaseModel


class AccessibilityFeedback(BaseModel):
    """Feedback sent from the accessibility statement page (Act 306/2019 §15)."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    message = models.TextField(_("feedback"), max_length=5000)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        db_table = "core_accessibilityfeedback"
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d} {self.message[:40]}"
