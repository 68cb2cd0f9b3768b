"""The surveys API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import SurveyViewSet

# (URL prefix, viewset, basename of the route names)
routes = [
    ("surveys", SurveyViewSet, "survey"),
]
