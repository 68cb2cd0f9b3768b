"""Programme API resources, registered on the project's router (config/api.py)."""

from __future__ import annotations

from config.api import router

from .views import MeetingViewSet, ProgrammeViewSet, WorkingGroupViewSet

router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("working-groups", WorkingGroupViewSet, basename="workinggroup")
router.register("meetings", MeetingViewSet, basename="meeting")
