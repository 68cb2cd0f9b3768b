"""One error format for the whole API: ``{"message": str, "extra": {...}}``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from kaiku.core.ratelimit import RateLimitError


def exception_handler(exc, context):
    if isinstance(exc, RateLimitError):
        # 429 with Retry-After; a suspension (no retry_after) is refused with 403.
        if exc.retry_after is None:
            exc = exceptions.PermissionDenied(exc.message)
        else:
            exc = exceptions.Throttled(wait=exc.retry_after, detail=exc.message)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        message = _("The request contains invalid data.")
        extra = {"fields": exc.detail} if isinstance(exc.detail, dict) else {"errors": exc.detail}
    else:
        detail = getattr(exc, "detail", "")
        message = str(detail) if not isinstance(detail, dict | list) else _("Request failed.")
        extra = {} if not isinstance(detail, dict | list) else {"detail": detail}
    response.data = {"message": message, "extra": extra}
    return response
