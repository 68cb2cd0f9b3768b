"""Organisations API resources, registered on the project's router (config/api.py)."""

from __future__ import annotations

from config.api import router

from .views import OrganisationViewSet, RegionViewSet

router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("regions", RegionViewSet, basename="region")
