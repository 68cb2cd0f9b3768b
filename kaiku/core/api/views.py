"""Base viewsets for the API: use these instead of DRF's own.

Their docstrings are comments on purpose: drf-spectacular uses a view's docstring (or its
base classes') as an operation's description, and these notes are for developers, not for
integrators. Each resource's viewset gives its own ``extend_schema`` descriptions.
"""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer

from .idempotency import IdempotencyKeyMixin

# JSON only: DRF's browsable HTML renderer is not accessible and not branded; people read
# the API reference at /api/docs/ and the API root at /api/v1/ (kaiku.core.api.root).
RENDERERS = [JSONRenderer]


# A lookup value from the URL with a NUL character names no object: 404 without a query.
# PostgreSQL cannot compare text with NUL, so the query would fail with a DataError (a 500,
# and an aborted transaction). Forms reject NUL on their own; URL kwargs are not validated
# by anything else.
class SafeLookupMixin:
    def get_object(self):
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        if "\x00" in str(self.kwargs.get(lookup_url_kwarg, "")):
            raise NotFound()
        return super().get_object()


# A list read by kept queries (kaiku.core.prepared) when the request has no filter, ordering
# or format: ``prepared_rows(start, stop)`` gives the page's rows and the count of all rows,
# the same as ``filter_queryset(get_queryset())`` sliced and counted. Any other request, and
# an empty page, takes DRF's path.
class PreparedListMixin:
    prepared_query_params = frozenset({"page", "page_size"})

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        if self.paginator is not None and self.prepared_query_params.issuperset(
            request.query_params
        ):
            page = self.paginator.prepared_page(request, self.prepared_rows)
            if page is not None:
                serializer = self.get_serializer(page, many=True)
                return self.get_paginated_response(serializer.data)
        return super().list(request, *args, **kwargs)


class ReadOnlyModelViewSet(SafeLookupMixin, viewsets.ReadOnlyModelViewSet):
    renderer_classes = RENDERERS


# Writable: POSTs honour Idempotency-Key (kaiku.core.api.idempotency).
class ModelViewSet(IdempotencyKeyMixin, SafeLookupMixin, viewsets.ModelViewSet):
    renderer_classes = RENDERERS


# For viewsets that pick their own rest_framework.mixins; POSTs honour Idempotency-Key.
class GenericViewSet(IdempotencyKeyMixin, SafeLookupMixin, viewsets.GenericViewSet):
    renderer_classes = RENDERERS
