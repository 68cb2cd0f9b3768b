"""``Idempotency-Key`` for API POSTs: a retried or doubled request creates nothing twice.

A client sends ``Idempotency-Key: <up to 255 printable characters>`` with a POST. The first
request with a key runs in one transaction with its claim (``kaiku.core.idempotency``) and, when
it succeeds (2xx), its status and body are stored for ``TTL``. The same person sending the same
key to the same path again gets the stored answer (with ``Idempotent-Replayed: true``), without
the view running; with different data it gets 422. A request that fails stores nothing, so the
key may be retried. Anonymous requests and other methods are not affected.

Every writable viewset in ``kaiku.core.api.views`` has this; nothing else is needed.
"""

from __future__ import annotations

import json
import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kaiku.core.idempotency import KEY_MAX_LENGTH, IdempotencyRecord, claim, fingerprint

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_KEY_RE = re.compile(rf"[\x21-\x7e]{{1,{KEY_MAX_LENGTH}}}")


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("This Idempotency-Key was already used with other data.")
    default_code = "idempotency_key_reused"


class _ReplayError(Exception):
    def __init__(self, record: IdempotencyRecord):
        self.record = record


class IdempotencyKeyMixin:
    """For DRF views: honour ``Idempotency-Key`` on POST (see the module's docstring)."""

    idempotent_methods = ("POST",)

    def _wants_idempotency(self, request) -> bool:
        return request.method in self.idempotent_methods and HEADER in request.headers

    def dispatch(self, request, *args, **kwargs):
        self._idempotency_record = None
        if not self._wants_idempotency(request):
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if self._idempotency_record is not None and not 200 <= response.status_code < 300:
                # Nothing is kept of a failed request, the claim included.
                transaction.set_rollback(True)
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, permissions, throttles
        if not self._wants_idempotency(request) or not request.user.is_authenticated:
            return
        key = request.headers[HEADER]
        if not _KEY_RE.fullmatch(key):
            raise ValidationError(
                {
                    HEADER: [
                        _("Give 1 to %(max)d printable ASCII characters.") % {"max": KEY_MAX_LENGTH}
                    ]
                }
            )
        record, claimed = claim(
            user=request.user,
            key=key,
            path=request.path,
            fingerprint=fingerprint([request.method, request.data]),
        )
        if not claimed:
            if record.fingerprint != fingerprint([request.method, request.data]):
                raise IdempotencyKeyReused()
            raise _ReplayError(record)
        self._idempotency_record = record

    def handle_exception(self, exc):
        if isinstance(exc, _ReplayError):
            response = Response(exc.record.response, status=exc.record.status_code)
            if exc.record.location:
                response["Location"] = exc.record.location
            response[REPLAYED_HEADER] = "true"
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        record = self._idempotency_record
        if record is not None and 200 <= response.status_code < 300:
            body = getattr(response, "data", None)
            if body is not None:
                # Stored as the client got it (JSON), whatever the Python types were.
                body = json.loads(JSONRenderer().render(body))
            IdempotencyRecord.objects.filter(pk=record.pk).update(
                status_code=response.status_code,
                response=body,
                location=response.get("Location", "")[:1000],
            )
        return response
