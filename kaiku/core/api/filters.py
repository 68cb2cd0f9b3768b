"""Filter sets shared by the API resources."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _


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
