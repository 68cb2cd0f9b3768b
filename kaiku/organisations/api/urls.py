"""The organisations API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import OrganisationViewSet, RegionViewSet

# (URL prefix, viewset, basename of the route names)
routes = [
    ("organisations", OrganisationViewSet, "organisation"),
    ("regions", RegionViewSet, "region"),
]
