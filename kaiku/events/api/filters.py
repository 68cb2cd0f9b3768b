from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from kaiku.core.api.filters import StrictFilterSet

from ..models import Event, EventKind, Registration, RegistrationStatus


class EventFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Type"))
    upcoming = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        method="filter_upcoming",
        label=_("true: events that have not ended; false: past events"),
    )

    class Meta:
        model = Event
        fields = ["kind", "upcoming"]

    @extend_schema_field({"type": "string", "enum": ["true", "false"]})
    def filter_upcoming(self, queryset, name, value):
        now = timezone.now()
        if value:
            return queryset.filter(ends_at__gt=now)
        return queryset.filter(ends_at__lte=now)


class RegistrationFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices, label=_("Status"))

    class Meta:
        model = Registration
        fields = ["status"]
