"""The programme API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import MeetingViewSet, ProgrammeViewSet, WorkingGroupViewSet

# (URL prefix, viewset, basename of the route names)
routes = [
    ("programmes", ProgrammeViewSet, "programme"),
    ("working-groups", WorkingGroupViewSet, "workinggroup"),
    ("meetings", MeetingViewSet, "meeting"),
]
