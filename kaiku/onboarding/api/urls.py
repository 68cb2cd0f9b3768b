"""The onboarding API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

# (URL prefix, viewset, basename of the route names)
routes: list = []
