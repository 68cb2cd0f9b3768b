from __future__ import annotations

from .views import SearchViewSet

routes: list = [("search", SearchViewSet, "search")]
