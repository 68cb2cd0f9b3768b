"""The moderation API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import ReportViewSet

routes = [
    ("reports", ReportViewSet, "report"),
]
