"""The notification kinds of surveys (``kaiku.notifications.registry``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SURVEY_INVITATION = "survey_invitation"
SURVEY_REMINDER = "survey_reminder"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_kind

    register_kind(SURVEY_INVITATION, _("Invitation to answer a survey"))
    register_kind(SURVEY_REMINDER, _("Reminder to answer a survey"))
