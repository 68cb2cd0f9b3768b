"""News API resources, registered on the project's router (config/api.py)."""

from __future__ import annotations

from config.api import router

from .views import NewsItemViewSet

router.register("news", NewsItemViewSet, basename="newsitem")
