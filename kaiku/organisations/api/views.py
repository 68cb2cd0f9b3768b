"""Read-only API for organisations and regions (public reference information)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)

from kaiku.core.api.fast import attach_slugs
from kaiku.core.api.views import PreparedListMixin, ReadOnlyModelViewSet
from kaiku.core.paging import total_of, with_total
from kaiku.core.prepared import run

from ..models import Organisation, Region
from ..selectors import name_ordering
from .filters import OrganisationFilter
from .serializers import OrganisationSerializer, RegionSerializer

LANGUAGE_PARAMETER = OpenApiParameter(
    "Accept-Language",
    str,
    OpenApiParameter.HEADER,
    description="fi, sv or en: the language of `name` and `type_display`.",
    required=False,
)


@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        description=(
            "Ministries, centres, ELY centres, TE offices (closed 31.12.2024), municipalities, "
            "TE24 employment areas and municipal pilots. Paginated; filter by type, region "
            "code, official code, text and whether the organisation exists today."
        ),
        parameters=[
            LANGUAGE_PARAMETER,
            OpenApiParameter(
                "active",
                str,
                description="`true`: only organisations that exist today; `false`: only "
                "former ones (e.g. the TE offices closed on 31.12.2024).",
                enum=["true", "false"],
                examples=[OpenApiExample("Existing today", value="true")],
            ),
        ],
        tags=["organisations"],
    ),
    retrieve=extend_schema(
        summary="One organisation by slug",
        parameters=[LANGUAGE_PARAMETER],
        tags=["organisations"],
    ),
)
class OrganisationViewSet(PreparedListMixin, ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"
    ordering_fields = ["name", "code", "type", "valid_from", "valid_until"]

    def get_queryset(self):
        queryset = Organisation.objects.select_related("region")
        if self.action != "list":  # the list's page reads the codes itself (paginate_queryset)
            code_only = Organisation.objects.only("id", "code")
            queryset = queryset.prefetch_related(
                Prefetch("regions", queryset=Region.objects.only("id", "code")),
                Prefetch("municipalities", queryset=code_only),
            )
        # Default order: the name in the request's language (fallback Finnish).
        return queryset.order_by(name_ordering(), "pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            _attach_codes(page)
        return page

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        # The list without filters or ordering: get_queryset's page and the list's count in
        # one kept query (kaiku.core.paging), then the same codes.
        page = run(_page, shape={"start": start, "stop": stop})
        if page:
            _attach_codes(page)
        return page, total_of(page)


def _attach_codes(page) -> None:
    # The region and municipality codes of the page: a query each, no manager and queryset
    # per organisation as prefetch_related builds (kaiku.core.api.fast).
    attach_slugs(page, "regions", "code")
    attach_slugs(page, "municipalities", "code")


def _page(*, start: int, stop: int):
    # OrganisationViewSet.get_queryset for the list (the name's order is in the active
    # language, which is part of a kept query's key), a page of it with the count of every
    # organisation (public reference information, the same for every viewer).
    listed = Organisation.objects.select_related("region").order_by(name_ordering(), "pk")
    return with_total(listed)[start:stop]


@extend_schema_view(
    list=extend_schema(summary="List regions (maakunnat)", tags=["regions"]),
    retrieve=extend_schema(summary="One region by its two-digit code", tags=["regions"]),
)
class RegionViewSet(ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    queryset = Region.objects.order_by("code")
    lookup_field = "code"
    ordering_fields = ["code", "name"]
