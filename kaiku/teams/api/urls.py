"""The teams API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import TeamViewSet

# (URL prefix, viewset, basename of the route names)
routes = [
    ("teams", TeamViewSet, "team"),
]
