"""The onboarding API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import EnrolmentViewSet

# (URL prefix, viewset, basename of the route names)
routes = [
    ("onboarding", EnrolmentViewSet, "onboarding-enrolment"),
]
