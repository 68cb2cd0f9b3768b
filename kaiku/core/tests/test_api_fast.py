"""``kaiku.core.api.fast``'s readers give what DRF's own fields give."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from rest_framework import serializers

from kaiku.core.api.fast import FastRepresentationMixin, generic_representation

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


class Row:
    pk = 1

    def __init__(self, when):
        self.when = when


class TimesSerializer(FastRepresentationMixin, serializers.Serializer):
    when = serializers.DateTimeField(allow_null=True)
    in_utc = serializers.DateTimeField(source="when", default_timezone=datetime.UTC)
    formatted = serializers.DateTimeField(source="when", format="%d.%m.%Y %H:%M")


VALUES = [
    datetime.datetime(2026, 12, 3, 10, 15, 30, tzinfo=HELSINKI),
    datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC),
    datetime.datetime(2026, 6, 1, 9, 0, 0, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 29, 3, 30),  # naive (and in Helsinki's missing hour)
    datetime.date(2026, 1, 1),
    "2026-01-01T00:00:00Z",
    None,
]


@pytest.mark.parametrize("zone", ["Europe/Helsinki", "UTC", "America/New_York"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_datetimes_as_drf_writes_them(zone, value):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        try:
            expected = generic_representation(TimesSerializer(), Row(value))
        except Exception as error:  # DRF refuses it: so does the fast path
            with pytest.raises(type(error)):
                TimesSerializer().to_representation(Row(value))
            return
        serializer = TimesSerializer()
        assert serializer.to_representation(Row(value)) == expected
        assert serializer.to_representation(Row(value)) == expected  # with the plan made
