"""The notification kinds of onboarding (``kaiku.notifications.registry``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ONBOARDING_ENROLLED = "onboarding_enrolled"
ONBOARDING_OVERDUE = "onboarding_overdue"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_kind

    register_kind(ONBOARDING_ENROLLED, _("Onboarding programme started"))
    register_kind(ONBOARDING_OVERDUE, _("Overdue onboarding task"))
