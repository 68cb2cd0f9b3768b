from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events (info sessions, coaching, team change sessions, development days, lectures),
    their registrations and waitlists, live Q&A, and coaching programmes."""

    name = "kaiku.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from . import feedback_demo  # noqa: F401  (registers its demo loader, order 74)
        from .registry import register_events
        from .registry_coaching import register_coaching

        register_events()
        register_coaching()
