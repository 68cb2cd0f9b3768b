"""Filter sets shared by the API resources."""

from __future__ import annotations

import datetime

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from kaiku.core.forms import validate_calendar_range


class StrictFilterSet(django_filters.FilterSet):
    """A filter given with an empty value (``?status=``) is an error, not "no filter": the
    schema promises e.g. a date-time or one of a set of choices, and "" is neither."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_kaiku_strict", False):
            form._kaiku_strict = True
            original_clean = form.clean

            def clean():
                cleaned = original_clean()
                for name in self.filters:
                    if name in self.data and str(self.data.get(name, "")).strip() == "":
                        form.add_error(name, _("Give a value or leave the parameter out."))
                return cleaned

            form.clean = clean
        return form


class CalendarIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time between ``EARLIEST_DATE`` and ``LATEST_DATE``: values at the
    calendar's edge (``0001-01-01T00:00:00``, ``9999-12-31T23:59:59-05:00``) are a 400, not
    an overflow when converted between time zones."""

    def to_python(self, value):
        try:
            result = super().to_python(value)
            if result is not None:
                # Both conversions the query makes must stay inside the calendar.
                result.astimezone(datetime.UTC)
                validate_calendar_range(result)
        except OverflowError:
            result = None
            validate_calendar_range(datetime.date.min)
        return result


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """Use instead of django-filter's own (see ``CalendarIsoDateTimeField``)."""

    field_class = CalendarIsoDateTimeField
