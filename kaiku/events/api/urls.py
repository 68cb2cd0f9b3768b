"""The events API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import EventViewSet, RegistrationViewSet

# (URL prefix, viewset, basename of the route names)
routes = [
    ("events", EventViewSet, "event"),
    ("event-registrations", RegistrationViewSet, "event-registration"),
]
