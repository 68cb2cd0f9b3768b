"""Page-number pagination for every list in the API.

``page_size`` is validated strictly: anything but an integer from 1 to ``max_page_size``
answers 400 in the project's error format instead of silently falling back to the default.
A ``page`` that is not a page of the result (``0``, ``abc``, past the end) answers 404, as DRF
does; both are documented in the schema.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class DefaultPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    # The schema says `page` is an integer: no `?page=last` shortcut.
    last_page_strings = ()

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) == "":
            raise NotFound(_("Invalid page."))
        return super().get_page_number(request, paginator)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else 0
        if not 1 <= value <= self.max_page_size:
            message = _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise ValidationError({self.page_size_query_param: [message]})
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    {"minimum": 1, "maximum": self.max_page_size, "default": self.page_size}
                )
        return parameters

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        properties = paginated["properties"]
        properties["count"]["description"] = "How many results there are on all pages."
        properties["next"]["description"] = "The address of the next page; null on the last."
        properties["previous"]["description"] = (
            "The address of the previous page; null on the first."
        )
        if isinstance(properties["results"], dict):  # drf-spectacular probes with a sentinel
            properties["results"]["description"] = "The results on this page."
        return paginated
