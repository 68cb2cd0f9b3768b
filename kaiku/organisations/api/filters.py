from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from kaiku.core.api.filters import StrictFilterSet

from ..models import Organisation, OrganisationType, Region
from ..selectors import active_q, in_region_q, search_q


class OrganisationFilter(StrictFilterSet):
    """Every filter validates its value: an unknown type or region code answers 400."""

    type = django_filters.ChoiceFilter(choices=OrganisationType.choices, label=_("Type"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        label=_("Region code: organisations located in or serving the region"),
    )
    code = django_filters.CharFilter(field_name="code", max_length=20, label=_("Official code"))
    q = django_filters.CharFilter(
        method="filter_q", max_length=100, label=_("Search the name in any language")
    )
    active = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        method="filter_active",
        label=_("true: only organisations that exist today; false: only former ones"),
    )

    class Meta:
        model = Organisation
        fields = ["type", "region", "code", "q", "active"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(in_region_q(value)) if value else queryset

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_q(value)) if value.strip() else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_active(self, queryset, name, value):
        if value in ("", None):
            return queryset
        return queryset.filter(active_q()) if value else queryset.exclude(active_q())
