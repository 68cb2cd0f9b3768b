"""The notification kinds and followable models of events (``kaiku.notifications.registry``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_PROMOTED = "event_promoted"
EVENT_CHANGED = "event_changed"
EVENT_CANCELLED = "event_cancelled"
EVENT_REMINDER = "event_reminder"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_followable, register_kind

    from .models import Event

    register_kind(EVENT_PROMOTED, _("You got a place from the waitlist"))
    register_kind(EVENT_CHANGED, _("An event you registered for changed"))
    register_kind(EVENT_CANCELLED, _("An event you registered for was cancelled"))
    register_kind(EVENT_REMINDER, _("Reminder of tomorrow's event"))
    register_followable(Event, prefix=_("Event"))
