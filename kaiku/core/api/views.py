"""Base viewsets for the API: use these instead of DRF's own."""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from .idempotency import IdempotencyKeyMixin


class SafeLookupMixin:
    """A lookup value from the URL with a NUL character names no object: 404 without a query.

    PostgreSQL cannot compare text with NUL, so the query would fail with a ``DataError``
    (a 500, and an aborted transaction). Forms reject NUL on their own; URL kwargs are not
    validated by anything else.
    """

    def get_object(self):
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        if "\x00" in str(self.kwargs.get(lookup_url_kwarg, "")):
            raise NotFound()
        return super().get_object()


class ReadOnlyModelViewSet(SafeLookupMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ModelViewSet(IdempotencyKeyMixin, SafeLookupMixin, viewsets.ModelViewSet):
    """Writable: POSTs honour ``Idempotency-Key`` (``kaiku.core.api.idempotency``)."""


class GenericViewSet(IdempotencyKeyMixin, SafeLookupMixin, viewsets.GenericViewSet):
    """For viewsets that pick their own ``rest_framework.mixins``; POSTs honour
    ``Idempotency-Key``."""
