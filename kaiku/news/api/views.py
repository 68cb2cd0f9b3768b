"""Read-only API for news. Publication and visibility are applied by the same selectors as
the pages: drafts, scheduled and hidden items are absent from lists and answer 404."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from kaiku.core.api.views import ReadOnlyModelViewSet

from .. import selectors
from .filters import NewsItemFilter
from .serializers import NewsItemSerializer

VISIBILITY_NOTE = (
    " Items have a visibility: `public` (everyone) or `staff` (logged-in users); you get "
    "only published items you may see."
)


@extend_schema_view(
    list=extend_schema(
        summary="List news",
        description="News, announcements and meeting reports, pinned first, newest first. "
        "Filter by keyword slug, working group id, programme slug and publication time."
        + VISIBILITY_NOTE,
        tags=["news"],
    ),
    retrieve=extend_schema(
        summary="One news item by slug", description=VISIBILITY_NOTE, tags=["news"]
    ),
)
class NewsItemViewSet(ReadOnlyModelViewSet):
    serializer_class = NewsItemSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,120}"
    filterset_class = NewsItemFilter
    ordering_fields = ["published_at", "title"]

    def get_queryset(self):
        return selectors.news_list(viewer=self.request.user)
