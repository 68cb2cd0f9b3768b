"""Read-only API for organisations and regions (public reference information)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins
from rest_framework.reverse import reverse

from kaiku.core.api.fast import attach_slugs, is_plain, path_template, request_affixes
from kaiku.core.api.views import PreparedListMixin, ReadOnlyModelViewSet
from kaiku.core.paging import TOTAL, with_total
from kaiku.core.prepared import run
from kaiku.core.translations import Chooser

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

    def list(self, request, *args, **kwargs):
        # PreparedListMixin's path, with the page's JSON written from plain rows
        # (written_organisations) instead of OrganisationSerializer; any other request takes
        # DRF's path (ListModelMixin.list: the mixin would ask for the empty page again).
        if self.paginator is not None and self.prepared_query_params.issuperset(
            request.query_params
        ):
            rows = self.paginator.prepared_page(request, self.prepared_rows)
            if rows is not None:
                return self.get_paginated_response(written_organisations(rows, request))
        return mixins.ListModelMixin.list(self, request, *args, **kwargs)

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        # The list without filters or ordering: get_queryset's page (the columns
        # OrganisationSerializer reads, as plain values) and the list's count in one kept
        # query (kaiku.core.paging), then the same codes as attach_slugs reads.
        rows = run(_page, shape={"start": start, "stop": stop})
        return rows, (rows[0][-1] if rows else 0)


def _attach_codes(page) -> None:
    # The region and municipality codes of the page: a query each, no manager and queryset
    # per organisation as prefetch_related builds (kaiku.core.api.fast).
    attach_slugs(page, "regions", "code")
    attach_slugs(page, "municipalities", "code")


# What _page reads of each organisation, before every language's name and the count.
PAGE_COLUMNS = (
    "id", "slug", "type", "code", "abbreviation", "region__code", "website", "valid_from",
    "valid_until",
)  # fmt: skip


def _page(*, start: int, stop: int):
    # OrganisationViewSet.get_queryset for the list (the name's order is in the active
    # language, which is part of a kept query's key), a page of it with the count of every
    # organisation (public reference information, the same for every viewer), as plain
    # values: what written_organisations writes.
    listed = Organisation.objects.order_by(name_ordering(), "pk")
    return with_total(listed).values_list(
        *PAGE_COLUMNS, *Chooser.columns(Organisation, "name"), TOTAL
    )[start:stop]


def _code_rows(*, relation: str, ids: list):
    # attach_slugs' query (kaiku.core.api.fast) for the page's ids: the codes of the related
    # model's default manager, in its order.
    field = Organisation._meta.get_field(relation)
    back = field.related_query_name()
    return field.related_model._default_manager.filter(**{f"{back}__in": ids}).values_list(
        back, "code"
    )


def _codes(relation: str, ids: list) -> dict[int, list]:
    found: dict[int, list] = {}
    for owner, code in run(_code_rows, shape={"relation": relation}, ids=ids):
        found.setdefault(owner, []).append(code)
    return found


def written_organisations(rows, request) -> list[dict]:
    """``_page``'s rows as OrganisationSerializer writes them, with the region and
    municipality codes of the page (two kept queries, as ``attach_slugs`` reads them): the
    API address from its route's template, cut once per request (``path_template``), the
    name and the type in the request's language as modeltranslation and
    ``get_type_display`` give them."""
    ids = [row[0] for row in rows]
    regions = _codes("regions", ids)
    municipalities = _codes("municipalities", ids)
    before, after = request_affixes(request)
    detail = path_template("organisation-detail", ["slug"])
    names_at = len(PAGE_COLUMNS)
    name_of = Chooser().picker(Organisation, "name", at=names_at)
    types = {value: str(label) for value, label in Organisation._meta.get_field("type").flatchoices}
    written = []
    for row in rows:
        pk, slug, kind, code, abbreviation, region, website, valid_from, valid_until = row[
            :names_at
        ]
        name_fi, name_sv, name_en = row[names_at : names_at + 3]
        if detail is not None and is_plain(slug):
            url = before + detail[0] + slug + detail[2] + after
        else:
            url = reverse("organisation-detail", kwargs={"slug": slug}, request=request)
        written.append(
            {
                "id": pk,
                "slug": slug,
                "type": kind,
                "type_display": types.get(kind, kind),
                "code": code,
                "name": name_of(row),
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": name_en,
                "abbreviation": abbreviation,
                "region": region,
                "regions": regions.get(pk, []),
                "municipalities": municipalities.get(pk, []),
                "website": website,
                "valid_from": None if valid_from is None else valid_from.isoformat(),
                "valid_until": None if valid_until is None else valid_until.isoformat(),
                "url": url,
            }
        )
    return written


@extend_schema_view(
    list=extend_schema(summary="List regions (maakunnat)", tags=["regions"]),
    retrieve=extend_schema(summary="One region by its two-digit code", tags=["regions"]),
)
class RegionViewSet(ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    queryset = Region.objects.order_by("code")
    lookup_field = "code"
    ordering_fields = ["code", "name"]
