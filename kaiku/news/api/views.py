"""Read-only API for news. Publication and visibility are applied by the same selectors as
the pages: drafts, scheduled and hidden items are absent from lists and answer 404."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)

from kaiku.core.api.fast import attach_slugs
from kaiku.core.api.pagination import prepared_count
from kaiku.core.api.views import PreparedListMixin, ReadOnlyModelViewSet
from kaiku.core.prepared import for_viewer

from .. import selectors
from ..models import NewsItem
from . import examples
from .filters import NewsItemFilter
from .serializers import NewsItemSerializer

SLUG_REGEX = r"[-a-zA-Z0-9_]{1,120}"

VISIBILITY_NOTE = (
    "Items have a visibility: `public` (everyone) or `staff` (signed-in users); you get "
    "only published items you may see."
)

LIST_PARAMETERS = [
    OpenApiParameter(
        "keyword",
        OpenApiTypes.STR,
        description="Only items with the keyword of this slug.",
        examples=[OpenApiExample("te24", value="te24")],
    ),
    OpenApiParameter(
        "group",
        OpenApiTypes.INT,
        description="Only items about the working group with this id. A group that does not "
        "exist or that you may not see gives an empty list.",
        examples=[OpenApiExample("Group 12", value=12)],
    ),
    OpenApiParameter(
        "programme",
        OpenApiTypes.STR,
        description="Only items about the programme with this slug. An unknown slug is a 400.",
        examples=[OpenApiExample("te24", value="te24")],
    ),
    OpenApiParameter(
        "published_after",
        OpenApiTypes.DATETIME,
        description="Only items published at or after this time (ISO 8601).",
        examples=[OpenApiExample("Since 1 Jan 2025", value="2025-01-01T00:00:00+02:00")],
    ),
    OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        description="Sort by `published_at` or `title`; prefix with `-` for descending order. "
        "By default pinned items come first, then the newest.",
        examples=[OpenApiExample("Oldest first", value="published_at")],
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="List news",
        description="News, announcements and meeting reports, pinned first, newest first. "
        "Filter by keyword slug, working group id, programme slug and publication time. "
        + VISIBILITY_NOTE,
        parameters=LIST_PARAMETERS,
        examples=[examples.news_list],
        tags=["news"],
    ),
    retrieve=extend_schema(
        summary="One news item by slug",
        description=VISIBILITY_NOTE,
        parameters=[
            OpenApiParameter(
                "slug",
                str,
                OpenApiParameter.PATH,
                description="The item's slug.",
                pattern=f"^{SLUG_REGEX}$",
            )
        ],
        examples=[examples.news_item],
        tags=["news"],
    ),
)
class NewsItemViewSet(PreparedListMixin, ReadOnlyModelViewSet):
    serializer_class = NewsItemSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    filterset_class = NewsItemFilter
    ordering_fields = ["published_at", "title"]

    def get_queryset(self):
        # The selector's rows, filters and order; only the columns the serializer reads
        # (not the stored HTML, dates and authors), and of the related rows too.
        viewer = self.request.user
        prefetches = _slim(selectors.news_prefetches(viewer))
        if self.action == "list":  # the page reads its keyword slugs itself (below)
            prefetches = [p for p in prefetches if p.prefetch_through != "keywords"]
        return (
            selectors.news_list(viewer=viewer)
            .only(*NEWS_COLUMNS, "programme__slug")
            .prefetch_related(None)
            .prefetch_related(*prefetches)
        )

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        # The list without filters or ordering: get_queryset's rows, order and columns read
        # by kept queries (the same SQL as DRF's page and count), then the same related rows.
        viewer = self.request.user
        now = timezone.now()
        shape = {"start": start, "stop": stop}
        page = for_viewer(viewer, _news_page, shape=shape, now=now)
        if page:
            prefetches = _slim(selectors.news_prefetches(viewer))
            prefetch_related_objects(
                page, *[p for p in prefetches if p.prefetch_through != "keywords"]
            )
            attach_slugs(page, "keywords", "slug")
        return page, (prepared_count(viewer, _news_rows, now=now) if page else 0)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            # One query for the page's keyword slugs, in the keywords' order: no manager and
            # queryset per item as prefetch_related builds (kaiku.core.api.fast).
            attach_slugs(page, "keywords", "slug")
        return page


# What NewsItemSerializer reads (the translated fields bring each language's column).
NEWS_COLUMNS = (
    "id", "slug", "kind", "title", "summary", "body", "contact_info", "programme", "pinned",
    "published_at", "visibility",
)  # fmt: skip
# And of the related rows: keyword slugs, contact persons' names and titles
# (``display_name``), related groups' names and programme slugs.
RELATED_COLUMNS = {
    "keywords": ("id", "slug"),
    "contact_persons": ("id", "full_name", "email", "removed_at", "title"),
    "related_groups": ("id", "name", "programme__slug"),
}


def _news_rows(viewer, *, now):
    # selectors.news_list(viewer=viewer) without its order and related rows.
    return NewsItem.objects.published(now=now).visible_to(viewer).filter(archived_at__isnull=True)


def _news_page(viewer, *, now, start: int, stop: int):
    return (
        _news_rows(viewer, now=now)
        .select_related("programme")
        .only(*NEWS_COLUMNS, "programme__slug")
        .order_by("-pinned", "-published_at", "-pk")[start:stop]
    )


def _slim(prefetches):
    return [
        Prefetch(
            p.prefetch_through,
            queryset=p.queryset.only(*RELATED_COLUMNS[p.prefetch_through]),
            to_attr=p.to_attr,
        )
        for p in prefetches
    ]
