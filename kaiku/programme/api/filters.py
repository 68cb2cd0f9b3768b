from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from kaiku.core.api.filters import IsoDateTimeFilter, StrictFilterSet

from ..models import Meeting, MeetingStatus, Programme, WorkingGroup

MAX_ID = 2**31 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class WorkingGroupFilter(StrictFilterSet):
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), to_field_name="slug", label=_("Programme slug")
    )

    class Meta:
        model = WorkingGroup
        fields = ["programme"]


class MeetingFilter(StrictFilterSet):
    """``group`` is a plain number, not a choice: an id the caller may not see gives an empty
    list, exactly like an id that does not exist (no existence leak)."""

    programme = django_filters.ModelChoiceFilter(
        field_name="group__programme",
        queryset=Programme.objects.all(),
        to_field_name="slug",
        label=_("Programme slug"),
    )
    group = IdFilter(field_name="group_id", label=_("Group id"))
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label=_("Status"))
    starts_after = IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="gte", label=_("Starts at or after")
    )
    starts_before = IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="lt", label=_("Starts before")
    )

    class Meta:
        model = Meeting
        fields = ["programme", "group", "status", "starts_after", "starts_before"]
